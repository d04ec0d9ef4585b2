/**
 * The checkpoint witnesses: one cosigner per jurisdiction (IR, RU), each with its own Ed25519 key, separate
 * from every credential key, so an authority's certificate key never vouches for the log and a witness key
 * never signs a certificate. Their cosignatures follow https://c2sp.org/tlog-cosignature (cosignature/v1).
 * Private halves live in the key vault (one 0600 file per key, like the signing keys); the store keeps the
 * public halves. Nothing here logs key material.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { Jurisdiction, StoreTransaction, WitnessKeyRecord } from '../../store/port.ts';
import type { KeyVault } from '../credentials/key-vault.ts';
import { cosignatureV1Signer, cosignatureV1Verifier, encodeVerifierKey, signatureTypes, type NoteSigner, type NoteVerifier } from './signed-note.ts';

/** The jurisdictions that each run a witness. */
export const witnessJurisdictions: readonly Jurisdiction[] = ['IR', 'RU'];

/**
 * A witness's key name (tlog-cosignature §Format: "SHOULD be a schema-less URL that identifies the
 * cosigner"): under the log's origin, e.g. `registry.example/api/v1/log/witness/ir`. Fixed when the key is made.
 */
export function witnessNameOf(origin: string, jurisdiction: Jurisdiction): string {
  return `${origin}/witness/${jurisdiction.toLowerCase()}`;
}

/** A key as operators see it (registry init): never the private half. */
export function describeWitnessKey(key: WitnessKeyRecord) {
  return { kid: key.kid, purpose: 'witness', orgId: null, jurisdiction: key.jurisdiction, name: key.name, createdAt: key.createdAt };
}

/**
 * Makes a new witness key for a jurisdiction inside the caller's transaction: the private JWK goes to the
 * vault (0600) under its RFC 7638 thumbprint, the public key to the store. If the transaction rolls back,
 * an unreferenced private key file may remain, which is harmless.
 */
async function createWitnessKey(tx: StoreTransaction, vault: KeyVault, origin: string, jurisdiction: Jurisdiction, now: string): Promise<WitnessKeyRecord> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: String(publicJwk.x) });
  vault.write(kid, { ...privateKey.export({ format: 'jwk' }), kid });
  const record: WitnessKeyRecord = {
    kid, name: witnessNameOf(origin, jurisdiction), jurisdiction, publicKey: Buffer.from(String(publicJwk.x), 'base64url').toString('base64'), createdAt: now, retiredAt: null,
  };
  await tx.witnessKeys.insert(record);
  return record;
}

/** The active witness key of every jurisdiction, made now where one is missing; returns all of them and the ones made now. */
export async function ensureWitnessKeys(tx: StoreTransaction, vault: KeyVault, origin: string, now: string) {
  const keys: WitnessKeyRecord[] = [];
  const created: WitnessKeyRecord[] = [];
  for (const jurisdiction of witnessJurisdictions) {
    let key = await tx.witnessKeys.active(jurisdiction);
    if (!key) created.push((key = await createWitnessKey(tx, vault, origin, jurisdiction, now)));
    keys.push(key);
  }
  return { keys, created };
}

/** The witness's private key, read from the vault (node:crypto imports the private JWK). */
function privateKeyOf(vault: KeyVault, key: WitnessKeyRecord): KeyObject {
  const { kty, crv, x, d } = vault.read(key.kid) as Record<string, string>;
  return createPrivateKey({ key: { kty, crv, x, d }, format: 'jwk' });
}

/** A cosigner for the witness key, stamping cosignatures with `now`. */
export function witnessSigner(vault: KeyVault, key: WitnessKeyRecord, now: () => Date): NoteSigner {
  return cosignatureV1Signer(key.name, privateKeyOf(vault, key), now);
}

/** The cosignature/v1 verifier of a witness key. */
export function witnessVerifier(key: Pick<WitnessKeyRecord, 'name' | 'publicKey'>): NoteVerifier {
  return cosignatureV1Verifier(key.name, Buffer.from(key.publicKey, 'base64'));
}

/** The witness key as a vkey (signed-note §"Verifier keys", type 0x04 as tlog-cosignature §Format allows). */
export function witnessVerifierKey(key: Pick<WitnessKeyRecord, 'name' | 'publicKey'>): string {
  return encodeVerifierKey(key.name, signatureTypes.cosignatureV1, Buffer.from(key.publicKey, 'base64'));
}
