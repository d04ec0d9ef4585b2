import type { SigningKeyRecord } from '../../store/port.ts';
import { canonicalJson } from '../canonical-json.ts';
import { credentialContentType, credentialJwsType } from '../credentials/credential-check.ts';
import { sha256Hex } from '../credentials/jws.ts';
import type { KeyVault } from '../credentials/key-vault.ts';
import { keyIdOf, signCompact } from '../credentials/signing-keys.ts';
import { authorityDid } from '../identities/did-web.ts';
import { encodeList } from './bitstring.ts';
import { statusListUrl, type ListPlace } from './status-list-url.ts';

/**
 * How long a verifier or a cache may reuse a fetched list: five minutes, the spec's default `ttl` (§2.2), stated in
 * the credential and as the HTTP max-age, so a revocation reaches every online verifier within five minutes.
 */
export const listTtlMs = 300_000;

/**
 * How long a signed list is valid (validUntil − validFrom): seven days. A list carried offline (a border post's
 * bundle, a holder's stapled copy) is usable that long at most; online verifiers refetch after `listTtlMs`.
 */
export const listValidityMs = 7 * 24 * 60 * 60 * 1000;

/** The registry re-signs a list whose bits have not changed for a day, so a served list always has six days or more left. */
export const refreshPeriodMs = 24 * 60 * 60 * 1000;

/** The VC 2.0 context defines every status list term (BitstringStatusListCredential, encodedList, ttl …). */
const vc2Context = 'https://www.w3.org/ns/credentials/v2';

/**
 * A list as a W3C VC 2.0 BitstringStatusListCredential (Bitstring Status List §2.2): its id is the list's URL, its
 * issuer the authority's did:web DID, its subject the encoded bitstring for one purpose. Pure.
 */
export function buildListCredential(publicBaseUrl: string, place: ListPlace, bits: Uint8Array, validFrom: Date) {
  const id = statusListUrl(publicBaseUrl, place);
  return {
    '@context': [vc2Context],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: authorityDid(publicBaseUrl, place.orgId),
    validFrom: validFrom.toISOString(),
    validUntil: new Date(validFrom.getTime() + listValidityMs).toISOString(),
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: place.purpose, encodedList: encodeList(bits), ttl: listTtlMs },
  };
}

export type ListCredential = ReturnType<typeof buildListCredential>;

/**
 * Signs a list credential as VC-JOSE-COSE does a certificate: a compact JWS of its RFC 8785 canonical JSON, typ
 * `vc+jwt`, cty `vc`, kid the authority key's DID URL. Ed25519 is deterministic, so equal inputs give equal bytes.
 */
export async function signListCredential(vault: KeyVault, key: SigningKeyRecord, publicBaseUrl: string, credential: ListCredential): Promise<{ jws: string; credentialHash: string }> {
  const payload = new TextEncoder().encode(canonicalJson(credential));
  const jws = await signCompact(vault, key, payload, { typ: credentialJwsType, cty: credentialContentType, kid: keyIdOf(publicBaseUrl, key) });
  return { jws, credentialHash: sha256Hex(payload) };
}
