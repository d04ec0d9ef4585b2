import type { AuditEventRecord, AuditQuery, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { hidden, rule, type Refusal } from './rule.ts';
import { canSeeSubmission } from './submissions.ts';

/** An audit event, with the submission it is about when its subject is `submission:<id>` (null: gone). */
export interface AuditSubject {
  event: AuditEventRecord;
  submission?: SubmissionRecord | null;
}

/** The submission id of a `submission:<id>` subject, or null for any other subject. */
export function submissionIdOfSubject(subject: string): string | null {
  return subject.startsWith('submission:') ? subject.slice('submission:'.length) : null;
}

/**
 * A regulator reads an event when its scope (fixed when it was recorded) names their jurisdiction or is
 * null (standards, certificates, keys: public things), and, for a submission's event, when the submission
 * is visible to them today. Events recorded while a submission was a draft carry an empty scope, so they
 * never become visible by a later submission; the check on the submission also hides events of older
 * trails whose scope named the draft's target jurisdictions.
 */
function regulatorMayRead(actor: Actor, { event, submission }: AuditSubject): true | Refusal {
  const refused = hidden(`no audit event ${event.seq}`);
  if (!actor.jurisdiction) return refused;
  if (event.scope !== null && !event.scope.includes(actor.jurisdiction)) return refused;
  if (submissionIdOfSubject(event.subject) === null) return true;
  return (submission != null && canSeeSubmission(actor, submission)) || refused;
}

/** Rules for the audit trail: admins read all of it, regulators what they may see. */
export const auditPolicies = {
  'audit.read': rule<AuditSubject>(['regulator', 'admin'], function readEvent(actor, subject) {
    return actor.role === 'admin' || regulatorMayRead(actor, subject);
  }),
};

/** The part of an audit list query that the store can filter on for this actor (after the 'audit.read' gate). */
export function auditListScope(actor: Actor): Pick<AuditQuery, 'jurisdiction'> {
  if (actor.role === 'admin') return {};
  if (!actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction reads no audit events');
  return { jurisdiction: actor.jurisdiction };
}

/**
 * The scope to record on a submission's event: the jurisdictions it has been submitted to so far. A
 * draft's events get an empty scope (admins only), so draft-time details such as attachment file
 * names never reach a regulator's audit view, not even after the submission is submitted later.
 */
export function submissionEventScope(submission: Pick<SubmissionRecord, 'tracks'>): SubmissionRecord['tracks'][number]['jurisdiction'][] {
  return submission.tracks.filter((track) => track.submittedAt !== null).map((track) => track.jurisdiction);
}
