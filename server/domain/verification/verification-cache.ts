import type { CertificateRecord, SigningKeyReader } from '../../store/port.ts';
import type { Credential } from '../credentials/credential.ts';
import { assessCredentialJws, type CredentialAssessment } from '../credentials/credential-check.ts';
import { decodeJws } from '../credentials/jws.ts';
import { thumbprintOfKid, type KeyResolver } from '../identities/key-resolution.ts';
import type { BitstringStatusListEntry } from '../credentials/credential.ts';
import { statusFromList, type ListedBit } from '../status-lists/status-check.ts';
import { BoundedLru } from '../bounded-lru.ts';

export { BoundedLru };

/**
 * What verifying a registered certificate need not redo per request: a credential's bytes never change under its
 * hash, so neither do its decoded JSON nor its signature. Each entry keeps the exact JWS it was made from (a
 * record whose JWS differs, e.g. a tampered row, is assessed afresh) and, for the signature assessment, the signing
 * key's `retiredAt` as it was then: a key retired or rotated since is noticed by one primary-key read and the
 * credential assessed again. Status is never cached here: it changes.
 */

/** Entries kept per store: a decoded 30 KB credential is ~100 KB in memory, so ~25 MB at most. */
export const verificationCacheSize = 256;

interface Assessed {
  jws: string;
  assessment: CredentialAssessment;
  /** The resolved key's thumbprint and its retiredAt when the assessment was made. */
  keyId: string;
  retiredAt: string | null;
}

interface Decoded {
  jws: string;
  credential: Credential;
}

interface ListBit {
  bit: ListedBit;
  /** The list's validUntil (ms): past it the list is stale and checked again (it then fails as stale). */
  validUntil: number;
  keyId: string;
  retiredAt: string | null;
}

interface Caches {
  assessed: BoundedLru<string, Assessed>;
  decoded: BoundedLru<string, Decoded>;
  lists: BoundedLru<string, ListBit>;
}

/** One cache per store (test registries in one process never share entries); dropped with the store. */
const cachesByStore = new WeakMap<object, Caches>();

function cachesOf(store: object): Caches {
  let caches = cachesByStore.get(store);
  if (!caches) {
    caches = { assessed: new BoundedLru(verificationCacheSize), decoded: new BoundedLru(verificationCacheSize), lists: new BoundedLru(verificationCacheSize * 4) };
    cachesByStore.set(store, caches);
  }
  return caches;
}

/** How many signature assessments were computed (not served from the cache), for tests and benchmarks. */
export const verificationCacheCounters = { signatureAssessments: 0, listChecks: 0 };

/** Freezes a decoded credential: cached objects are shared by every request, so nobody may change one. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The registered credential's JSON, decoded once per credential hash (frozen: shared between requests); null
 * when the stored JWS is unreadable.
 */
export function decodedCredentialOf(store: object, record: Pick<CertificateRecord, 'credentialHash' | 'jws'>): Credential | null {
  const cache = cachesOf(store).decoded;
  const hit = cache.get(record.credentialHash);
  if (hit && hit.jws === record.jws) return hit.credential;
  const credential = decodeJws(record.jws)?.json as Credential | undefined;
  if (!credential) return null;
  cache.set(record.credentialHash, { jws: record.jws, credential: deepFreeze(credential) });
  return credential;
}

/**
 * The signature and issuer assessment of a registered certificate's JWS (see assessCredentialJws), computed once
 * per credential hash and signing-key state. A hit costs one primary-key read of the signing key, to honour a
 * retirement since; an assessment whose key could not be resolved is not kept.
 */
export async function assessRegisteredCredential(
  store: { signingKeys: Pick<SigningKeyReader, 'get'> }, record: Pick<CertificateRecord, 'credentialHash' | 'jws'>, resolve: KeyResolver,
): Promise<CredentialAssessment> {
  const cache = cachesOf(store).assessed;
  const hit = cache.get(record.credentialHash);
  if (hit && hit.jws === record.jws) {
    const key = await store.signingKeys.get(hit.keyId);
    if (key && key.retiredAt === hit.retiredAt) return hit.assessment;
  }
  let resolved: { keyId: string; retiredAt: string | null } | null = null;
  const remembering: KeyResolver = async (kid) => {
    const resolution = await resolve(kid);
    resolved = 'key' in resolution ? { keyId: thumbprintOfKid(kid), retiredAt: resolution.key.revoked } : null;
    return resolution;
  };
  verificationCacheCounters.signatureAssessments += 1;
  const assessment = await assessCredentialJws(record.jws, remembering);
  const used = resolved as { keyId: string; retiredAt: string | null } | null;
  if (used) cache.set(record.credentialHash, { jws: record.jws, assessment: deepFreeze(assessment), ...used });
  return assessment;
}

/**
 * What a served status list says of one entry (see statusFromList), checked once per list JWS, entry and signing
 * key state: the list a registry serves changes whenever a bit changes, so a new status is a new JWS and is checked
 * at once. A hit costs one primary-key read of the list's key; a kept answer is dropped once the list's validUntil
 * passes. Only answers from a verified list are kept; problems are checked afresh every time.
 */
export async function cachedStatusFromList(
  store: { signingKeys: Pick<SigningKeyReader, 'get'> }, entry: BitstringStatusListEntry, listJws: string, resolve: KeyResolver, now: Date, issuer: string,
): Promise<ListedBit> {
  const cache = cachesOf(store).lists;
  const cacheKey = [listJws, entry.statusListCredential, entry.statusPurpose, String(entry.statusListIndex), issuer].join('\n');
  const hit = cache.get(cacheKey);
  if (hit && now.getTime() < hit.validUntil) {
    const key = await store.signingKeys.get(hit.keyId);
    if (key && key.retiredAt === hit.retiredAt) return hit.bit;
  }
  let resolved: { keyId: string; retiredAt: string | null } | null = null;
  const remembering: KeyResolver = async (kid) => {
    const resolution = await resolve(kid);
    resolved = 'key' in resolution ? { keyId: thumbprintOfKid(kid), retiredAt: resolution.key.revoked } : null;
    return resolution;
  };
  verificationCacheCounters.listChecks += 1;
  const bit = await statusFromList(entry, listJws, remembering, now, issuer);
  const used = resolved as { keyId: string; retiredAt: string | null } | null;
  const validUntil = Date.parse(String(decodeJws(listJws.trim())?.json?.validUntil));
  if (used && 'set' in bit && Number.isFinite(validUntil)) cache.set(cacheKey, { bit, validUntil, ...used });
  return bit;
}
