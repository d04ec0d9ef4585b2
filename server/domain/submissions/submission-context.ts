import type { Store } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import type { Acting } from '../audit/append.ts';
import type { CheckRunner } from '../checking/check-runner.ts';
import type { SubmissionHooks } from './approval-hook.ts';

/** What the submission commands work with. */
export interface SubmissionContext {
  store: Store;
  /** Where specs are checked (a worker pool in the server, in-process in the CLI). */
  checks: CheckRunner;
  hooks?: SubmissionHooks;
}

/** The authenticated actor and the request that carried the action. */
export type ActingUser = Acting<Actor>;

/** The audit subject of a submission. */
export function submissionSubject(id: string): string {
  return `submission:${id}`;
}
