import type { Jurisdiction, RevisionRecord, StoreTransaction, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';

/** What the approve path hands to the hook: the approved submission (already updated), its revision and who approved. */
export interface ApprovalEvent {
  submission: SubmissionRecord;
  revision: RevisionRecord;
  jurisdiction: Jurisdiction;
  actor: Actor;
  requestId: string | null;
}

/**
 * Called inside the approval's transaction, after the track is approved and the audit event appended:
 * whatever it writes through `tx` (a certificate, its log entry, its own audit event) commits together
 * with the approval, and when it throws the approval rolls back too.
 */
export type OnApproved = (tx: StoreTransaction, event: ApprovalEvent) => Promise<void>;

/** Extension points of the submission workflow; all optional. */
export interface SubmissionHooks {
  onApproved?: OnApproved;
}
