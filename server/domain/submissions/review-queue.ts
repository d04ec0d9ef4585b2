import type { ReviewQueuePage, ReviewQueuePosition, StandardRecord, Store, SubmissionStatus } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorize, reviewQueueScope } from '../policies/index.ts';

/** The track states a regulator still has to act on: what the queue lists unless asked for others. */
export const awaitingDecision: readonly SubmissionStatus[] = Object.freeze(['submitted', 'under_review']);

/** What a regulator may narrow their queue by; their jurisdiction is added by the policy. */
export interface ReviewQueueFilters {
  /** Track statuses; empty or absent: those awaiting a decision. */
  statuses?: readonly SubmissionStatus[];
  standardCode?: string;
  /** An equipment category: the standards of that category (any version). */
  category?: string;
  /** ISO instants: submitted at or after `submittedFrom`, before `submittedBefore`. */
  submittedFrom?: string;
  submittedBefore?: string;
  after?: ReviewQueuePosition;
  limit: number;
}

/** The standard codes a category covers (every version's category counts: a category may be renamed between versions). */
export function codesOfCategory(standards: readonly StandardRecord[], category: string): string[] {
  return [...new Set(standards.filter((record) => record.category === category).map((record) => record.code))];
}

/**
 * The review queue of the regulator's jurisdiction: tracks submitted there in the chosen states (by default
 * those awaiting a decision), oldest submission first, one keyset page at a time.
 */
export async function reviewQueue(store: Store, actor: Actor, filters: ReviewQueueFilters): Promise<ReviewQueuePage> {
  authorize(actor, 'submission.queue');
  const jurisdiction = reviewQueueScope(actor);
  let standardCodes: string[] | undefined = filters.standardCode === undefined ? undefined : [filters.standardCode];
  if (filters.category !== undefined) {
    const inCategory = codesOfCategory(await store.standards.list(), filters.category);
    standardCodes = standardCodes ? standardCodes.filter((code) => inCategory.includes(code)) : inCategory;
  }
  return store.submissions.reviewQueue({
    jurisdiction,
    statuses: filters.statuses?.length ? [...filters.statuses] : [...awaitingDecision],
    standardCodes,
    submittedFrom: filters.submittedFrom,
    submittedBefore: filters.submittedBefore,
    after: filters.after,
    limit: filters.limit,
  });
}
