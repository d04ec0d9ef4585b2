import type { CertificateRecord, CertificateStatus, StatusPurpose, StoreTransaction } from '../../store/port.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { sha256Hex } from '../credentials/jws.ts';
import { activeAuthorityKey } from '../credentials/signing-keys.ts';
import { DomainError } from '../errors.ts';
import { appendLogEntry } from '../ledger/transparency-log.ts';
import { emptyBitstring, readBit, withBit } from './bitstring.ts';
import { buildListCredential, signListCredential } from './list-credential.ts';
import { listPosition } from './status-entries.ts';
import { statusPurposes } from './status-list-url.ts';

/** The bits a recorded status stands for: revoked sets the revocation bit, suspended the suspension bit; valid sets none. */
export function bitsOfStatus(status: CertificateStatus): Record<StatusPurpose, boolean> {
  return { revocation: status === 'revoked', suspension: status === 'suspended' };
}

/** One list re-signed by a status change, with the log leaf that records it. */
export interface ListUpdate {
  list: string;
  leafIndex: number;
}

/**
 * Brings the certificate's bits in its authority's lists to `status`, inside the status change's transaction:
 * revoked sets the revocation bit (and clears a suspension), suspended sets the suspension bit, reinstated (valid)
 * clears it. Each list whose bits change is stored with its new credential, signed at `at` with the authority's
 * active key, and gets a `status-list.updated` log leaf. If the transaction rolls back, bits, credential and leaf go
 * with it. A certificate issued before status lists has no entry and nothing changes.
 */
export async function recordStatusInLists(tx: StoreTransaction, ctx: Pick<CertificatesContext, 'vault' | 'publicBaseUrl'>, certificate: Pick<CertificateRecord, 'number'>, status: CertificateStatus, at: string): Promise<ListUpdate[]> {
  const entry = await tx.statusLists.entry(certificate.number);
  if (!entry) return [];
  const { page, position } = listPosition(entry.statusIndex);
  const wanted = bitsOfStatus(status);
  const updates: ListUpdate[] = [];
  for (const purpose of statusPurposes) {
    const place = { orgId: entry.orgId, purpose, page };
    const bits = (await tx.statusLists.list(entry.orgId, purpose, page))?.bits ?? emptyBitstring();
    if (readBit(bits, position) === wanted[purpose]) continue;
    const next = withBit(bits, position, wanted[purpose]);
    const org = await tx.organisations.get(entry.orgId);
    if (!org) throw new DomainError('invalid_state', `the authority ${entry.orgId} of ${certificate.number} is gone`);
    const key = await activeAuthorityKey(tx, ctx.vault, org, at);
    const credential = buildListCredential(ctx.publicBaseUrl, place, next, new Date(at));
    const { jws, credentialHash } = await signListCredential(ctx.vault, key, ctx.publicBaseUrl, credential);
    await tx.statusLists.saveList({ ...place, bits: next, jws, updatedAt: credential.validFrom });
    const leafIndex = await appendLogEntry(tx, { type: 'status-list.updated', list: credential.id, credentialHash, bitstringHash: sha256Hex(next), at: credential.validFrom });
    updates.push({ list: credential.id, leafIndex });
  }
  return updates;
}
