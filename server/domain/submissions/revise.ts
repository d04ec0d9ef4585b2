import { appendAudit } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { submissionEventScope } from '../policies/index.ts';
import { loadSubmissionFor } from './access.ts';
import { checkedRevision, type RevisionInput } from './checked-revision.ts';
import type { SubmissionWithRevision } from './create.ts';
import { submissionSubject, type ActingUser, type SubmissionContext } from './submission-context.ts';
import { assertVendorMay } from './workflow.ts';

/** An If-Match precondition: the revision number the client last saw, or '*' (any). */
export type ExpectedRevision = number | '*' | undefined;

function assertExpectedRevision(expected: ExpectedRevision, current: number): void {
  if (expected === undefined || expected === '*' || expected === current) return;
  throw new DomainError('precondition_failed', `the submission is at revision ${current}, not ${expected}; reload it and try again`, { revision: current });
}

/**
 * Stores a new revision (never overwriting an older one) with its own spec and report. Only in draft or
 * changes_requested. With `expected` (from If-Match), a submission revised meanwhile is refused with
 * precondition_failed, so two editors never silently overwrite each other.
 */
export async function reviseSubmission(
  ctx: SubmissionContext, acting: ActingUser, id: string, input: RevisionInput, expected?: ExpectedRevision,
): Promise<SubmissionWithRevision> {
  const { actor } = acting;
  const before = await loadSubmissionFor(ctx.store.submissions, actor, 'submission.revise', id);
  assertExpectedRevision(expected, before.revision);
  assertVendorMay(before, 'revise');
  const standard = { code: before.standardCode, version: before.standardVersion };
  const jurisdictions = before.tracks.map((track) => track.jurisdiction);
  const checked = await checkedRevision(ctx, standard, input, { submissionId: id, number: before.revision + 1, userId: actor.userId, jurisdictions });
  return ctx.store.transaction(async (tx) => {
    const current = await loadSubmissionFor(tx.submissions, actor, 'submission.revise', id);
    assertExpectedRevision(expected, current.revision);
    assertVendorMay(current, 'revise');
    // Numbered from the state inside the transaction: a revision stored meanwhile (without If-Match) is kept, never overwritten.
    const revision = { ...checked.revision, number: current.revision + 1 };
    const submission = { ...current, revision: revision.number, manufacturer: revision.product.manufacturer, model: revision.product.model, updatedAt: revision.createdAt };
    await tx.submissions.insertRevision(revision);
    await tx.submissions.update(submission);
    await appendAudit(tx, acting, {
      action: 'submission.revise',
      subject: submissionSubject(id),
      summary: { revision: revision.number, previousRevision: current.revision, specHash: revision.specHash, conforms: revision.conforms },
      scope: submissionEventScope(current),
    });
    return { submission, revision };
  });
}
