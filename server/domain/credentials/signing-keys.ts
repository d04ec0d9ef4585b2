import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { OrganisationRecord, SigningKeyRecord, StoreTransaction } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import type { KeyVault } from './key-vault.ts';
import { controllerDidOf } from '../identities/did-documents.ts';
import { keyDidUrl } from '../identities/did-web.ts';

/** JWS algorithm of every registry signature (Ed25519, RFC 8037). */
export const signatureAlg = 'EdDSA';

/**
 * Creates an Ed25519 key: the private JWK goes to the vault (file mode 0600), the public JWK to the store,
 * both under the RFC 7638 thumbprint as kid. Runs inside the caller's transaction; if it rolls back, an
 * unreferenced private key file may remain, which is harmless.
 */
export async function createSigningKey(tx: StoreTransaction, vault: KeyVault, owner: OrganisationRecord | null, now: string): Promise<SigningKeyRecord> {
  if (owner && !owner.jurisdiction) throw new DomainError('invalid_state', `organisation "${owner.name}" has no jurisdiction, so it cannot sign certificates`);
  const { publicKey, privateKey } = await generateKeyPair(signatureAlg, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  vault.write(kid, { ...(await exportJWK(privateKey)), kid, alg: signatureAlg });
  const record: SigningKeyRecord = {
    kid,
    purpose: owner ? 'credential' : 'log',
    orgId: owner?.id ?? null,
    jurisdiction: owner?.jurisdiction ?? null,
    publicJwk: { kty: String(publicJwk.kty), crv: String(publicJwk.crv), x: String(publicJwk.x), kid, alg: signatureAlg, use: 'sig' },
    createdAt: now,
    retiredAt: null,
  };
  await tx.signingKeys.insert(record);
  return record;
}

/** The authority's active credential key, created now when it has none. */
export async function activeAuthorityKey(tx: StoreTransaction, vault: KeyVault, org: OrganisationRecord, now: string): Promise<SigningKeyRecord> {
  return (await tx.signingKeys.active('credential', org.id)) ?? createSigningKey(tx, vault, org, now);
}

/** The registry's active log key, created now when there is none. */
export async function activeLogKey(tx: StoreTransaction, vault: KeyVault, now: string): Promise<SigningKeyRecord> {
  return (await tx.signingKeys.active('log', null)) ?? createSigningKey(tx, vault, null, now);
}

/** Replaces the authority's active key with a new one; the old key stays published, retired, so its signatures still verify. */
export async function rotateAuthorityKey(tx: StoreTransaction, vault: KeyVault, org: OrganisationRecord, now: string): Promise<SigningKeyRecord> {
  const current = await tx.signingKeys.active('credential', org.id);
  if (current) await tx.signingKeys.retire(current.kid, now);
  return createSigningKey(tx, vault, org, now);
}

const privateKeys = new Map<string, Promise<CryptoKey>>();

function privateKeyOf(vault: KeyVault, kid: string): Promise<CryptoKey> {
  const cacheKey = `${vault.dir}\0${kid}`;
  let key = privateKeys.get(cacheKey);
  if (!key) {
    key = Promise.resolve().then(() => importJWK(vault.read(kid) as JWK, signatureAlg) as Promise<CryptoKey>);
    key.catch(() => privateKeys.delete(cacheKey));
    privateKeys.set(cacheKey, key);
  }
  return key;
}

/** The protected header of a registry JWS besides `alg`: `kid` is the key's DID URL (see keyIdOf). */
export interface JwsHeader {
  typ: string;
  kid: string;
  cty?: string;
}

/** The DID URL a JWS names its signing key by: the controller's DID (authority or log) and the thumbprint. */
export function keyIdOf(publicBaseUrl: string, key: Pick<SigningKeyRecord, 'kid' | 'orgId'>): string {
  return keyDidUrl(controllerDidOf(publicBaseUrl, key), key.kid);
}

/** Signs `payload` as a compact JWS (RFC 7515) with the key: protected header { alg: EdDSA, kid, typ, cty? }. */
export async function signCompact(vault: KeyVault, key: SigningKeyRecord, payload: Uint8Array, header: JwsHeader): Promise<string> {
  return new CompactSign(payload).setProtectedHeader({ alg: signatureAlg, kid: header.kid, typ: header.typ, ...(header.cty ? { cty: header.cty } : {}) })
    .sign(await privateKeyOf(vault, key.kid));
}
