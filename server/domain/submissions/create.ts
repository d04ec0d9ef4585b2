import { randomUUID } from 'node:crypto';
import type { Jurisdiction, RevisionRecord, SubmissionRecord } from '../../store/port.ts';
import { appendAudit } from '../audit/append.ts';
import { authorize, submissionEventScope } from '../policies/index.ts';
import { checkedRevision, type RevisionInput } from './checked-revision.ts';
import { submissionSubject, type ActingUser, type SubmissionContext } from './submission-context.ts';
import { draftTrack, overallStatus } from './workflow.ts';

/** A new submission as a vendor sends it (validated at the edge by schemas/api/new-submission.schema.json). */
export interface NewSubmission extends RevisionInput {
  standard: string;
  version?: string;
  jurisdictions: Jurisdiction[];
}

/** A submission with the revision a command just stored or read. */
export interface SubmissionWithRevision {
  submission: SubmissionRecord;
  revision: RevisionRecord;
}

/**
 * Creates a draft submission for the vendor's organisation: the spec is checked at once against the named
 * (or newest published) standard version, and revision 1 keeps the spec with its report and the product as
 * the spec identifies it (a contradicting product block or an undeclared market is refused first). The submission,
 * its revision and the audit event commit together.
 */
export async function createSubmission(ctx: SubmissionContext, acting: ActingUser, input: NewSubmission): Promise<SubmissionWithRevision> {
  const { actor } = acting;
  authorize(actor, 'submission.create');
  const id = randomUUID();
  const jurisdictions = [...new Set(input.jurisdictions)].sort();
  const { standard, revision } = await checkedRevision(ctx, { code: input.standard, version: input.version }, input, { submissionId: id, number: 1, userId: actor.userId, jurisdictions });
  const tracks = jurisdictions.map(draftTrack);
  const submission: SubmissionRecord = {
    id, orgId: actor.orgId, createdBy: actor.userId, standardCode: standard.code, standardVersion: standard.version,
    status: overallStatus(tracks), revision: 1, manufacturer: revision.product.manufacturer, model: revision.product.model, tracks,
    createdAt: revision.createdAt, updatedAt: revision.createdAt,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.submissions.insert(submission);
    await tx.submissions.insertRevision(revision);
    await appendAudit(tx, acting, {
      action: 'submission.create',
      subject: submissionSubject(id),
      summary: { standard: `${standard.code}@${standard.version}`, jurisdictions: tracks.map((t) => t.jurisdiction), revision: 1, specHash: revision.specHash, conforms: revision.conforms },
      scope: submissionEventScope(submission),
    });
  });
  return { submission, revision };
}
