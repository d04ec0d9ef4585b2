import type { Jurisdiction, StandardRecord, StoreTransaction } from '../../../store/port.ts';
import { appendAudit, type Acting } from '../../audit/append.ts';
import { DomainError } from '../../errors.ts';
import { contentHashOf, type StandardDocument } from '../standard-document.ts';

/** The jurisdictions that each approve a version of a shared standard. */
export const sharedJurisdictions: readonly Jurisdiction[] = Object.freeze(['IR', 'RU']);

/**
 * Runs in the upload's transaction, after the draft is stored. A new code uploaded with `shared: true` becomes
 * shared between IR and RU; a later version may repeat the code's setting but not change it (conflict). A
 * replaced draft's standing approvals stop counting (they were for another content hash) and are recorded as such.
 */
export async function recordDraftSharing(tx: StoreTransaction, acting: Acting, document: StandardDocument, earlier: readonly StandardRecord[], replaced: StandardRecord | null): Promise<void> {
  const sharing = await tx.standardApprovals.sharingOf(document.code);
  if (earlier.length === 0 && document.shared === true) {
    const at = new Date().toISOString();
    await tx.standardApprovals.markShared({ code: document.code, jurisdictions: [...sharedJurisdictions], markedBy: acting.actor.userId, markedAt: at });
    await appendAudit(tx, acting, { action: 'standard.share', subject: `standard:${document.code}`, summary: { jurisdictions: sharedJurisdictions } });
  } else if (earlier.length > 0 && document.shared !== undefined && document.shared !== (sharing !== null)) {
    const now = sharing ? `shared between ${sharing.jurisdictions.join(' and ')}` : 'a standard of one jurisdiction';
    throw new DomainError('conflict', `${document.code} is ${now}; whether a code is shared is decided by its first version`, { shared: sharing !== null });
  }
  if (replaced && sharing) await clearApprovals(tx, acting, replaced, contentHashOf(document));
}

/** Marks every standing approval of a replaced draft as no longer counting, each with an audit event. */
async function clearApprovals(tx: StoreTransaction, acting: Acting, replaced: StandardRecord, newContentHash: string): Promise<void> {
  const at = new Date().toISOString();
  for (const approval of await tx.standardApprovals.listForVersion(replaced.code, replaced.version)) {
    if (approval.withdrawnAt !== null) continue;
    await tx.standardApprovals.withdraw(approval.id, { at, by: acting.actor.userId, reason: 'replaced' });
    await appendAudit(tx, acting, {
      action: 'standard.approval.clear', subject: `standard:${replaced.code}@${replaced.version}`,
      summary: { approvalId: approval.id, jurisdiction: approval.jurisdiction, contentHash: approval.contentHash, replacedBy: newContentHash },
    });
  }
}

/** Refuses the single-authority publication of a shared standard's draft: its approvals publish it. */
export async function assertPublishableAlone(tx: StoreTransaction, record: StandardRecord): Promise<void> {
  if (record.status !== 'draft') return;
  const sharing = await tx.standardApprovals.sharingOf(record.code);
  if (!sharing) return;
  throw new DomainError('invalid_state',
    `${record.code} is shared between ${sharing.jurisdictions.join(' and ')}: ${record.version} is published when an authority of each has approved its content hash (POST /api/v1/standards/${record.code}/${record.version}/approve)`,
    { state: record.status, shared: true, jurisdictions: sharing.jurisdictions });
}
