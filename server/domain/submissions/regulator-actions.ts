import type { Decision, DecisionRecord, JurisdictionTrack, StoreTransaction, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAudit } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { loadSubmissionFor } from './access.ts';
import { submissionSubject, type ActingUser, type SubmissionContext } from './submission-context.ts';
import { nextTrackState, withTrack } from './workflow.ts';

/** A regulator's decision as sent (validated at the edge by schemas/api/decision.schema.json). */
export interface DecisionInput {
  decision: Decision;
  comment?: string;
}

async function loadOwnTrack(tx: StoreTransaction, actor: Actor, action: 'submission.review' | 'submission.decide', id: string): Promise<{ submission: SubmissionRecord; track: JurisdictionTrack }> {
  const submission = await loadSubmissionFor(tx.submissions, actor, action, id);
  const track = submission.tracks.find((t) => t.jurisdiction === actor.jurisdiction)!;
  return { submission, track };
}

/** A regulator takes a submitted submission into review for their jurisdiction (submitted → under_review), recorded as its reviewer. */
export async function takeForReview(ctx: SubmissionContext, acting: ActingUser, id: string): Promise<SubmissionRecord> {
  return ctx.store.transaction(async (tx) => {
    const { submission: current, track } = await loadOwnTrack(tx, acting.actor, 'submission.review', id);
    const status = nextTrackState(track, 'review');
    const now = new Date().toISOString();
    const submission = withTrack(current, { ...track, status, reviewerId: acting.actor.userId, reviewStartedAt: now }, now);
    await tx.submissions.update(submission);
    await appendAudit(tx, acting, {
      action: 'submission.review',
      subject: submissionSubject(id),
      summary: { jurisdiction: track.jurisdiction, revision: current.revision, from: track.status, to: status },
      scope: [track.jurisdiction],
    });
    return submission;
  });
}

/**
 * Decides a submission under review in the regulator's jurisdiction: approve, reject or request changes.
 * Everything happens in one transaction: the track moves, the decision and the audit event are stored,
 * and on approval the `onApproved` hook runs (certificate issuance); if any step throws, none is kept.
 */
export async function decideSubmission(ctx: SubmissionContext, acting: ActingUser, id: string, input: DecisionInput): Promise<SubmissionRecord> {
  return ctx.store.transaction(async (tx) => {
    const { submission: current, track } = await loadOwnTrack(tx, acting.actor, 'submission.decide', id);
    const action = input.decision;
    const status = nextTrackState(track, action);
    const revision = (await tx.submissions.getRevision(id, current.revision))!;
    if (action === 'approve' && !revision.conforms) {
      throw new DomainError('not_conforming', `revision ${revision.number} does not conform; it cannot be approved`, { revision: revision.number });
    }
    const now = new Date().toISOString();
    const comment = input.comment ?? null;
    const decision: DecisionRecord = { submissionId: id, jurisdiction: track.jurisdiction, revision: revision.number, decision: action, comment, decidedBy: acting.actor.userId, decidedAt: now };
    const submission = withTrack(current, { ...track, status, decision: action, decidedBy: acting.actor.userId, decidedAt: now, decidedRevision: revision.number, comment }, now);
    await tx.submissions.update(submission);
    await tx.submissions.insertDecision(decision);
    await appendAudit(tx, acting, {
      action: 'submission.decision',
      subject: submissionSubject(id),
      summary: { jurisdiction: track.jurisdiction, decision: action, revision: revision.number, comment, from: track.status, to: status },
      scope: [track.jurisdiction],
    });
    if (action === 'approve' && ctx.hooks?.onApproved) {
      await ctx.hooks.onApproved(tx, { submission, revision, jurisdiction: track.jurisdiction, actor: acting.actor, requestId: acting.requestId });
    }
    return submission;
  });
}
