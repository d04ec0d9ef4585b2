/**
 * The storage port's part for regulators' work: the review queue of a jurisdiction and the review statistics
 * (port.ts re-exports everything here; submissions-port.ts makes every submission reader offer them).
 * Every query is bounded: the queue pages by keyset, the statistics group in the store and cap their input.
 */
import type { Jurisdiction } from './port.ts';
import type { SubmissionRecord, SubmissionStatus } from './submissions-port.ts';

/** Where a queue page ended: the track's submission time, then the submission's insertion order. */
export interface ReviewQueuePosition {
  submittedAt: string;
  seq: number;
}

/** One jurisdiction's review queue: tracks submitted there, oldest (latest) submission first. */
export interface ReviewQueueQuery {
  jurisdiction: Jurisdiction;
  /** The track statuses to list; at least one. */
  statuses: SubmissionStatus[];
  /** Only submissions against these standard codes; absent: any (an empty list matches nothing). */
  standardCodes?: string[];
  /** Only tracks submitted at or after this instant (ISO 8601, UTC). */
  submittedFrom?: string;
  /** Only tracks submitted before this instant. */
  submittedBefore?: string;
  /** Keyset cursor: only tracks after this position (from `ReviewQueuePage.next`). */
  after?: ReviewQueuePosition;
  limit: number;
}

export interface ReviewQueueItem {
  submission: SubmissionRecord;
  /** Whether the newest revision conforms (what an approval needs). */
  conforms: boolean;
}

export interface ReviewQueuePage {
  items: ReviewQueueItem[];
  /** Where the next page starts; null on the last page. */
  next: ReviewQueuePosition | null;
}

/** The tracks the statistics count: submitted (at least once) within [from, before), of one jurisdiction or both. */
export interface ReviewStatisticsQuery {
  /** Absent: both jurisdictions (a submission sent to both counts once in each). */
  jurisdiction?: Jurisdiction;
  from: string;
  before: string;
}

/** How many tracks whose latest submission fell in `month` (YYYY-MM, UTC) are now in `status`, per standard. */
export interface MonthlySubmissionCount {
  month: string;
  status: SubmissionStatus;
  standardCode: string;
  count: number;
}

/** How many submissions had at least one revision failing `clause` (and none of its sub-clauses). */
export interface FailedClauseCount {
  standardCode: string;
  standardVersion: string;
  clause: string;
  submissions: number;
}

export interface FailedClauseQuery extends ReviewStatisticsQuery {
  /** At most this many submissions (the most recent) are examined. */
  sample: number;
  /** At most this many clauses are returned, most failed first. */
  limit: number;
}

export interface FailedClauseSummary {
  clauses: FailedClauseCount[];
  /** How many submissions were examined, and whether more were left out by `sample`. */
  examined: number;
  capped: boolean;
}

/**
 * Time from a track's latest submission to its decision, over tracks now approved, rejected or waiting for
 * changes whose decision fell within [from, before). Percentiles by nearest rank (the ⌈p·n⌉-th smallest).
 */
export interface DecisionTimeSummary {
  decisions: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface ReviewQueries {
  reviewQueue(query: ReviewQueueQuery): Promise<ReviewQueuePage>;
  /** Grouped in the store: at most months × statuses × standard codes rows. */
  monthlySubmissionCounts(query: ReviewStatisticsQuery): Promise<MonthlySubmissionCount[]>;
  failedClauses(query: FailedClauseQuery): Promise<FailedClauseSummary>;
  decisionTimes(query: ReviewStatisticsQuery): Promise<DecisionTimeSummary>;
}
