import type { DecisionTimeSummary, FailedClauseSummary, Jurisdiction, MonthlySubmissionCount, StandardRecord, Store } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { authorize, statisticsScope } from '../policies/index.ts';
import { latestPublished } from '../standards/lookup.ts';

/** The longest period one statistics page covers, in months. */
export const maxStatisticsMonths = 36;
/** The most recent submissions the failed-clause count examines (each has its revisions' reports read). */
export const failedClauseSample = 2000;
/** How many of the most failed clauses are listed. */
export const failedClauseLimit = 10;

/** A period of whole calendar months (UTC), `YYYY-MM` to `YYYY-MM` inclusive. */
export interface StatisticsPeriod {
  fromMonth: string;
  toMonth: string;
}

export interface ReviewStatistics {
  jurisdiction: Jurisdiction | null;
  /** Every month of the period, oldest first (YYYY-MM), so months without submissions show as zero. */
  months: string[];
  counts: MonthlySubmissionCount[];
  /** The equipment category of each standard code counted (its newest published version's, else its newest's). */
  categoryOf: Record<string, string>;
  failedClauses: FailedClauseSummary;
  decisionTimes: DecisionTimeSummary;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months from `from` to `to` inclusive; throws validation_failed naming the field for a bad or too long period. */
export function monthsOf(period: StatisticsPeriod): string[] {
  const parse = (value: string, field: string) => {
    const match = monthPattern.exec(value);
    if (!match) throw new DomainError('validation_failed', `/${field} must be a month as YYYY-MM`, { errors: [{ path: `/${field}`, message: 'must be a month as YYYY-MM', keyword: 'format', params: {} }] });
    return Number(match[1]) * 12 + Number(match[2]) - 1;
  };
  const from = parse(period.fromMonth, 'from');
  const to = parse(period.toMonth, 'to');
  if (to < from) throw new DomainError('validation_failed', '/to is before /from', { errors: [{ path: '/to', message: 'must not be before from', keyword: 'range', params: {} }] });
  if (to - from + 1 > maxStatisticsMonths) {
    throw new DomainError('validation_failed', `the period is longer than ${maxStatisticsMonths} months`, { errors: [{ path: '/to', message: `at most ${maxStatisticsMonths} months`, keyword: 'range', params: { limit: maxStatisticsMonths } }] });
  }
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const index = from + i;
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The first instant of the month after `month` (YYYY-MM), as ISO. */
function monthAfter(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 1)).toISOString();
}

function categories(standards: readonly StandardRecord[]): Record<string, string> {
  const byCode = new Map<string, StandardRecord[]>();
  for (const record of standards) byCode.set(record.code, [...(byCode.get(record.code) ?? []), record]);
  return Object.fromEntries([...byCode].map(([code, versions]) => [code, (latestPublished(versions) ?? versions[versions.length - 1]!).category]));
}

/**
 * Review statistics over whole months: tracks per month (of their latest submission) by their status now and
 * by standard, the clauses failed most often in the examined submissions' revisions, and the time from
 * submission to decision. A regulator sees their own jurisdiction's; an admin either's or both.
 */
export async function reviewStatistics(store: Store, actor: Actor, period: StatisticsPeriod, asked?: Jurisdiction): Promise<ReviewStatistics> {
  authorize(actor, 'submission.statistics');
  const jurisdiction = statisticsScope(actor, asked);
  const months = monthsOf(period);
  const query = { jurisdiction, from: `${months[0]}-01T00:00:00.000Z`, before: monthAfter(months[months.length - 1]!) };
  const [counts, failedClauses, decisionTimes, standards] = await Promise.all([
    store.submissions.monthlySubmissionCounts(query),
    store.submissions.failedClauses({ ...query, sample: failedClauseSample, limit: failedClauseLimit }),
    store.submissions.decisionTimes(query),
    store.standards.list(),
  ]);
  return { jurisdiction: jurisdiction ?? null, months, counts, categoryOf: categories(standards), failedClauses, decisionTimes };
}
