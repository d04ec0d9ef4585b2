import { DomainError } from '../errors.ts';

/** What a worker was doing when a budget ran out: compiling a standard, or checking a spec. */
export type Phase = 'compile' | 'check';

/** The task went over its wall-time budget (details: limit 'time', phase, budgetMs). */
export function overTime(phase: Phase, budgetMs: number): DomainError {
  const what = phase === 'compile' ? 'compiling the standard' : 'the check';
  return new DomainError('check_too_expensive', `${what} took longer than its budget of ${budgetMs} ms`, { limit: 'time', phase, budgetMs });
}

/** The worker's heap went over its budget (details: limit 'memory', budgetMb). */
export function overMemory(budgetMb: number): DomainError {
  return new DomainError('check_too_expensive', `the check needed more memory than its budget of ${budgetMb} MB`, { limit: 'memory', budgetMb });
}

/** The pool cannot take the task now (details.retryAfter in seconds, sent as Retry-After). */
export function poolUnavailable(why: string, retryAfter: number): DomainError {
  return new DomainError('unavailable', why, { retryAfter });
}
