import type { Jurisdiction, OrganisationRecord, StoreTransaction } from '../../../store/port.ts';
import { canonicalJson } from '../../canonical-json.ts';
import type { KeyVault } from '../../credentials/key-vault.ts';
import { sha256Hex } from '../../credentials/jws.ts';
import { activeAuthorityKey, keyIdOf, signCompact } from '../../credentials/signing-keys.ts';
import { authorityDid } from '../../identities/did-web.ts';

/** The JWS `typ` of an approval (RFC 7515 §4.1.9; RFC 8725 §3.11 explicit typing). */
export const approvalJwsType = 'irru-standard-approval+jwt';

/** What an authority signs when it approves a shared standard version: exactly that content hash, for its jurisdiction. */
export interface StandardApprovalClaims {
  /** The approving authority's DID (did:web), whose DID document lists the signing key. */
  iss: string;
  code: string;
  version: string;
  contentHash: string;
  jurisdiction: Jurisdiction;
  approvedAt: string;
  approver: { id: string; name: string };
}

/**
 * Signs an approval with the authority's active credential key (created on first use) inside the caller's
 * transaction: a compact JWS, header { alg: EdDSA, kid: the key's DID URL, typ }, over the claims' RFC 8785
 * canonical JSON. The approval's hash is SHA-256 of those payload bytes (as a certificate's credentialHash).
 */
export async function signApproval(tx: StoreTransaction, signer: { vault: KeyVault; publicBaseUrl: string }, authority: OrganisationRecord,
  approval: Omit<StandardApprovalClaims, 'iss' | 'approver'>): Promise<{ claims: StandardApprovalClaims; jws: string; approvalHash: string; kid: string }> {
  const did = authorityDid(signer.publicBaseUrl, authority.id);
  const claims: StandardApprovalClaims = { iss: did, ...approval, approver: { id: did, name: authority.name } };
  const payload = new TextEncoder().encode(canonicalJson(claims));
  const key = await activeAuthorityKey(tx, signer.vault, authority, approval.approvedAt);
  const jws = await signCompact(signer.vault, key, payload, { typ: approvalJwsType, kid: keyIdOf(signer.publicBaseUrl, key) });
  return { claims, jws, approvalHash: sha256Hex(payload), kid: key.kid };
}
