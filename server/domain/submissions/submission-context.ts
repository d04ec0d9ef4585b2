import type { Store } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import type { Acting } from '../audit/append.ts';
import type { ConformanceEngine } from '../conformance/index.ts';
import type { SubmissionHooks } from './approval-hook.ts';

/** What the submission commands work with. */
export interface SubmissionContext {
  store: Store;
  engine: ConformanceEngine;
  hooks?: SubmissionHooks;
}

/** The authenticated actor and the request that carried the action. */
export type ActingUser = Acting<Actor>;

/** The audit subject of a submission. */
export function submissionSubject(id: string): string {
  return `submission:${id}`;
}
