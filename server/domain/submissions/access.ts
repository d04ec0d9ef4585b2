import type { SubmissionReader, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policies/index.ts';

/** The submission actions decided on a stored submission. */
export type SubmissionAction = 'submission.read' | 'submission.revise' | 'submission.attach' | 'submission.submit' | 'submission.withdraw' | 'submission.review' | 'submission.decide';

/**
 * Loads a submission and authorizes `action` on it through the submissions policy. A missing submission
 * and one the actor may not see both answer not_found, so ids cannot be probed.
 */
export async function loadSubmissionFor(reader: Pick<SubmissionReader, 'get'>, actor: Actor, action: SubmissionAction, id: string): Promise<SubmissionRecord> {
  authorize(actor, action);
  const submission = await reader.get(id);
  if (!submission) throw new DomainError('not_found', `no submission ${id}`);
  authorize(actor, action, submission);
  return submission;
}
