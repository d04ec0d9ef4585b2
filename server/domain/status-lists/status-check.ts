import type { BitstringStatusListEntry } from '../credentials/credential.ts';
import { credentialJwsType } from '../credentials/credential-check.ts';
import { decodeJws, signatureVerifies } from '../credentials/jws.ts';
import { signatureAlg } from '../credentials/signing-keys.ts';
import { parseDidUrl } from '../identities/did-web.ts';
import type { KeyResolver } from '../identities/key-resolution.ts';
import { decodeList, listLength, readBit } from './bitstring.ts';

/** What a list says of one entry: its bit, or why the list cannot be trusted (a sentence naming the reason). */
export type ListedBit = { set: boolean } | { problem: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** An entry's index as a number: the UNTP schema types it as an integer, the W3C spec as a base-10 string. */
function indexOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  return typeof value === 'string' && /^(?:0|[1-9][0-9]{0,14})$/.test(value) ? Number(value) : null;
}

/**
 * The BitstringStatusListEntry objects a credential carries, in `credentialStatus` (one or many) and, in the
 * registry's credentials, `suspensionStatus` (UNTP 0.7.0 allows one credentialStatus, so the suspension entry sits
 * in the extension). Empty for credentials issued before status lists. Malformed entries are left out.
 */
export function statusEntriesOf(credential: unknown): BitstringStatusListEntry[] {
  if (!isObject(credential)) return [];
  return [...listOf(credential.credentialStatus), ...listOf(credential.suspensionStatus)].flatMap((entry): BitstringStatusListEntry[] => {
    if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') return [];
    const index = indexOf(entry.statusListIndex);
    const purpose = entry.statusPurpose;
    if (index === null || (purpose !== 'revocation' && purpose !== 'suspension') || typeof entry.statusListCredential !== 'string') return [];
    return [{ type: 'BitstringStatusListEntry', id: typeof entry.id === 'string' ? entry.id : '', statusPurpose: purpose, statusListIndex: index, statusListCredential: entry.statusListCredential }];
  });
}

/** The issuer id of a credential: the string, or the `id` of an issuer object. */
function issuerIdOf(credential: Json): string | null {
  const issuer = credential.issuer;
  return typeof issuer === 'string' ? issuer : isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : null;
}

/** The signature and signer of the list: a problem, or the verified payload. */
async function verifiedList(url: string, listJws: string, resolve: KeyResolver, issuer: string): Promise<{ problem: string } | { credential: Json }> {
  const decoded = decodeJws(listJws.trim());
  if (!decoded || !decoded.json) return { problem: `the status list ${url} is not a signed credential` };
  if (decoded.header.alg !== signatureAlg || decoded.header.typ !== credentialJwsType) {
    return { problem: `the status list ${url} does not verify: it is not an EdDSA vc+jwt credential (alg ${String(decoded.header.alg)}, typ ${String(decoded.header.typ)})` };
  }
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : null;
  if (!kid) return { problem: `the status list ${url} does not verify: it names no signing key` };
  const signer = parseDidUrl(kid)?.did ?? kid;
  if (signer !== issuer) return { problem: `the status list ${url} is signed by ${signer}, not by the certificate's issuer ${issuer}` };
  const resolution = await resolve(kid);
  if ('problem' in resolution) return { problem: `the status list ${url} does not verify: ${resolution.problem}` };
  const { key } = resolution;
  if (key.controller !== issuer) return { problem: `the status list ${url} is signed with a key of ${key.controller}, not of the certificate's issuer ${issuer}` };
  if (!(await signatureVerifies(listJws.trim(), key.publicJwk))) return { problem: `the status list ${url} does not verify: its signature is wrong` };
  if (key.registry && key.registry.purpose !== 'credential') return { problem: `the status list ${url} does not verify: it is signed with a ${key.registry.purpose} key, not a credential key` };
  const validFrom = typeof decoded.json.validFrom === 'string' ? Date.parse(decoded.json.validFrom) : Number.NaN;
  if (key.revoked !== null && !(validFrom < Date.parse(key.revoked))) {
    return { problem: `the status list ${url} does not verify: it was signed with ${kid}, retired on ${key.revoked}, for a list valid from ${String(decoded.json.validFrom)}` };
  }
  return { credential: decoded.json };
}

/** What is wrong with the list's claims for this entry (type, id, issuer, validity, purpose), or null. */
function claimProblem(entry: BitstringStatusListEntry, credential: Json, issuer: string, now: Date): string | null {
  const url = entry.statusListCredential;
  if (!listOf(credential.type).includes('BitstringStatusListCredential')) return `the status list ${url} is not a BitstringStatusListCredential`;
  if (credential.id !== url) return `the status list served at ${url} is another list (${String(credential.id)})`;
  if (issuerIdOf(credential) !== issuer) return `the status list ${url} names ${String(issuerIdOf(credential))} as issuer, not the certificate's issuer ${issuer}`;
  const validUntil = typeof credential.validUntil === 'string' ? Date.parse(credential.validUntil) : Number.NaN;
  if (Number.isNaN(validUntil)) return `the status list ${url} is stale: it states no validUntil`;
  if (validUntil <= now.getTime()) return `the status list ${url} is stale: it was valid until ${String(credential.validUntil)}`;
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  if (subject.type !== 'BitstringStatusList' && !listOf(subject.type).includes('BitstringStatusList')) return `the status list ${url} has no BitstringStatusList subject`;
  const purposes = listOf(subject.statusPurpose);
  if (!purposes.includes(entry.statusPurpose)) return `the status list ${url} is for ${purposes.map(String).join(' and ') || 'no purpose'}, not ${entry.statusPurpose}`;
  return null;
}

/**
 * What a signed BitstringStatusListCredential says of one entry (Bitstring Status List §3.2 "Validate Algorithm"):
 * the list's signature verifies with the key its `kid` resolves to, and that key and the list's issuer are the
 * certificate's `issuer` (a DID); the list is a BitstringStatusListCredential at the entry's URL, not past its
 * validUntil, for the entry's purpose; its bitstring expands (GZIP), has at least 131,072 entries, and holds the
 * index. Otherwise a sentence naming what failed; never an exception.
 */
export async function statusFromList(entry: BitstringStatusListEntry, listJws: string, resolve: KeyResolver, now: Date, issuer: string): Promise<ListedBit> {
  const url = entry.statusListCredential;
  const verified = await verifiedList(url, listJws, resolve, issuer);
  if ('problem' in verified) return verified;
  const problem = claimProblem(entry, verified.credential, issuer, now);
  if (problem) return { problem };
  const bits = decodeList((verified.credential.credentialSubject as Json).encodedList);
  if (!bits) return { problem: `the status list ${url} has an encodedList that is not multibase base64url GZIP data` };
  if (bits.length * 8 < listLength) return { problem: `the status list ${url} has ${bits.length * 8} entries, fewer than the 131,072 a list must have` };
  const index = indexOf(entry.statusListIndex);
  if (index === null || index >= bits.length * 8) return { problem: `index ${String(entry.statusListIndex)} is outside the status list ${url} (${bits.length * 8} entries)` };
  return { set: readBit(bits, index) };
}
