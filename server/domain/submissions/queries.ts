import type { AttachmentRecord, DecisionRecord, JurisdictionTrack, RevisionRecord, Store, SubmissionPage, SubmissionQuery, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { authorize, submissionListScope, visibleSubmissionParts } from '../policies/index.ts';
import { loadSubmissionFor } from './access.ts';

/** A submission as one actor may see it, with its revision history, decisions and attachments. */
export interface SubmissionView {
  submission: SubmissionRecord;
  /** The tracks the actor may see (a regulator: only their own jurisdiction's). */
  tracks: JurisdictionTrack[];
  revisions: RevisionRecord[];
  decisions: DecisionRecord[];
  attachments: AttachmentRecord[];
}

/** Filters a client may apply to the submission list; the actor's visibility is added on top. */
export type SubmissionFilters = Omit<SubmissionQuery, 'orgId' | 'jurisdiction'>;

/** One submission with everything about it the actor may see; not_found when they may not see it. */
export async function getSubmission(store: Store, actor: Actor, id: string): Promise<SubmissionView> {
  const submission = await loadSubmissionFor(store.submissions, actor, 'submission.read', id);
  const [revisions, decisions, attachments] = await Promise.all([
    store.submissions.listRevisions(id), store.submissions.listDecisions(id), store.attachments.list(id),
  ]);
  return { submission, revisions, attachments, ...visibleSubmissionParts(actor, submission, decisions) };
}

/** One revision of a visible submission. */
export async function getRevision(store: Store, actor: Actor, id: string, number: number): Promise<RevisionRecord> {
  await loadSubmissionFor(store.submissions, actor, 'submission.read', id);
  const revision = await store.submissions.getRevision(id, number);
  if (!revision) throw new DomainError('not_found', `submission ${id} has no revision ${number}`);
  return revision;
}

/** The submissions the actor may see, newest first, narrowed by the filters; a page and the cursor of the next. */
export async function listSubmissions(store: Store, actor: Actor, filters: SubmissionFilters): Promise<SubmissionPage> {
  authorize(actor, 'submission.list');
  return store.submissions.list({ ...filters, ...submissionListScope(actor) });
}
