import type { SigningKeyReader } from '../../store/port.ts';
import { controllerDidOf, publicJwkOf, type DidDocument, type PublicJwk } from './did-documents.ts';
import { didWebPrefix, parseDidUrl } from './did-web.ts';

/** A public key as a verifier resolved it from a `kid` (a DID URL): whose it is and until when it may sign. */
export interface ResolvedKey {
  /** The DID URL the key was resolved from. */
  kid: string;
  /** The DID that controls the key (its DID document lists it). */
  controller: string;
  publicJwk: PublicJwk;
  /** From this instant on the key signs nothing valid (retired); null while active. */
  revoked: string | null;
  /** What the registry knows of the key beyond the DID document (online only). */
  registry: { purpose: string; jurisdiction: string | null; orgId: string | null } | null;
}

/** The key, or why it could not be resolved (a sentence naming the reason). */
export type KeyResolution = { key: ResolvedKey } | { problem: string };

/** Resolves a JWS `kid` to a key. */
export type KeyResolver = (kid: string) => Promise<KeyResolution>;

/** The stored key id (RFC 7638 thumbprint) a `kid` names: the DID URL's fragment, or the bare thumbprint of credentials signed before DIDs. */
export function thumbprintOfKid(kid: string): string {
  return parseDidUrl(kid)?.fragment ?? kid;
}

/**
 * Resolves keys from DID documents alone (offline, or an outside verifier): the kid's DID must have a document
 * here, and that document must list the kid as an assertion method.
 */
export function didDocumentResolver(documents: readonly DidDocument[]): KeyResolver {
  return async (kid) => {
    const parsed = parseDidUrl(kid);
    if (!parsed) return { problem: `the key id "${kid}" is not a DID URL` };
    const document = documents.find((candidate) => candidate.id === parsed.did);
    if (!document) return { problem: `no DID document for ${parsed.did} (an issuer this registry does not know)` };
    const method = document.verificationMethod?.find((candidate) => candidate.id === kid);
    if (!method || !document.assertionMethod?.includes(kid)) return { problem: `the DID document of ${parsed.did} lists no assertion key ${kid}` };
    return { key: { kid, controller: document.id, publicJwk: method.publicKeyJwk, revoked: method.revoked ?? null, registry: null } };
  };
}

/**
 * Resolves keys from the registry's own store (online): the kid's DID must be one of this registry's DIDs and be
 * the controller of the stored key. A bare thumbprint (credentials signed before DIDs) resolves to its key too.
 */
export function registryKeyResolver(keys: Pick<SigningKeyReader, 'get'>, publicBaseUrl: string): KeyResolver {
  const prefix = `${didWebPrefix(publicBaseUrl)}:`;
  return async (kid) => {
    const parsed = parseDidUrl(kid);
    if (parsed && !parsed.did.startsWith(prefix)) return { problem: `the signer ${parsed.did} is not an identity of this registry` };
    const record = await keys.get(thumbprintOfKid(kid));
    if (!record) return { problem: `the signing key ${kid} is not known here` };
    const controller = controllerDidOf(publicBaseUrl, record);
    if (parsed && parsed.did !== controller) return { problem: `the key ${parsed.fragment} does not belong to ${parsed.did}` };
    return {
      key: {
        kid, controller, publicJwk: publicJwkOf(record), revoked: record.retiredAt,
        registry: { purpose: record.purpose, jurisdiction: record.jurisdiction, orgId: record.orgId },
      },
    };
  };
}
