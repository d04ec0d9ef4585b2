import type { SigningKeyReader, SigningKeyRecord } from '../../store/port.ts';
import { authorityDid, keyDidUrl, logDid } from './did-web.ts';

/** A public Ed25519 key as a JWK with standard members only (RFC 7517, RFC 8037). */
export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
}

/**
 * A verification method (W3C Controlled Identifiers 1.0 §2.2, type JsonWebKey). A retired key stays listed so
 * credentials it signed keep verifying, with `revoked`: the instant from which its signatures are refused.
 */
export interface VerificationMethod {
  id: string;
  type: 'JsonWebKey';
  controller: string;
  publicKeyJwk: PublicJwk;
  revoked?: string;
}

/** A DID document (W3C DID Core 1.0) as the registry serves it for an authority or the log. */
export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
}

export const didDocumentContext = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'];

/** The public half of a stored key with standard members only. */
export function publicJwkOf(key: Pick<SigningKeyRecord, 'publicJwk'>): PublicJwk {
  return { kty: key.publicJwk.kty!, crv: key.publicJwk.crv!, x: key.publicJwk.x! };
}

/** The DID that controls a stored key: its authority's, or the log's. */
export function controllerDidOf(publicBaseUrl: string, key: Pick<SigningKeyRecord, 'orgId'>): string {
  return key.orgId ? authorityDid(publicBaseUrl, key.orgId) : logDid(publicBaseUrl);
}

/** The DID document of `did` listing `keys` (oldest first), every one usable for assertions until its `revoked` instant. */
export function didDocumentOf(did: string, keys: SigningKeyRecord[]): DidDocument {
  const methods = keys.map((key): VerificationMethod => ({
    id: keyDidUrl(did, key.kid), type: 'JsonWebKey', controller: did, publicKeyJwk: publicJwkOf(key), ...(key.retiredAt ? { revoked: key.retiredAt } : {}),
  }));
  return { '@context': didDocumentContext, id: did, verificationMethod: methods, assertionMethod: methods.map((method) => method.id) };
}

/** The DID document of an authority, or null when the organisation has no signing key (it is not an authority). */
export async function authorityDidDocument(keys: SigningKeyReader, publicBaseUrl: string, orgId: string): Promise<DidDocument | null> {
  const own = (await keys.list()).filter((key) => key.purpose === 'credential' && key.orgId === orgId);
  return own.length ? didDocumentOf(authorityDid(publicBaseUrl, orgId), own) : null;
}

/** The DID document of the transparency log, or null before its key exists. */
export async function logDidDocument(keys: SigningKeyReader, publicBaseUrl: string): Promise<DidDocument | null> {
  const own = (await keys.list()).filter((key) => key.purpose === 'log');
  return own.length ? didDocumentOf(logDid(publicBaseUrl), own) : null;
}

/** Every DID document the registry serves: the log's and each authority's (what an offline bundle carries). */
export async function allDidDocuments(keys: SigningKeyReader, publicBaseUrl: string): Promise<DidDocument[]> {
  const all = await keys.list();
  const byDid = new Map<string, SigningKeyRecord[]>();
  for (const key of all) {
    if (key.purpose !== 'credential' && key.purpose !== 'log') continue;
    const did = controllerDidOf(publicBaseUrl, key);
    byDid.set(did, [...(byDid.get(did) ?? []), key]);
  }
  return [...byDid].map(([did, keys]) => didDocumentOf(did, keys));
}

/** The JWK Set for JOSE clients (RFC 7517 §5): standard members only, `kid` the key's DID URL, retired keys included. */
export async function publicJwkSet(keys: SigningKeyReader, publicBaseUrl: string) {
  return {
    keys: (await keys.list())
      .filter((key) => key.purpose === 'credential' || key.purpose === 'log')
      .map((key) => ({ ...publicJwkOf(key), kid: keyDidUrl(controllerDidOf(publicBaseUrl, key), key.kid), alg: 'EdDSA', use: 'sig' })),
  };
}
