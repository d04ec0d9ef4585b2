import type { ClauseInfo } from '../../../domain/conformance/index.ts';
import type { ReviewStatistics } from '../../../domain/submissions/review-statistics.ts';
import { submissionStates } from '../../../domain/submissions/workflow.ts';
import { categoryName } from '../standards/category-names.ts';
import { monthLabel } from './charts/month-labels.ts';
import { rankedBarChart } from './charts/ranked-bars.ts';
import { stackedBarChart, type ChartSeries } from './charts/stacked-bars.ts';
import { formatNumber } from '../i18n/format.ts';
import { pickText, type Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** Clause titles by `code@version` → clause id (from each standard's clause index), for the failed-clause list. */
export type ClauseTitles = ReadonlyMap<string, readonly ClauseInfo[]>;

/** One month-by-series table and the stacked chart drawn from it. */
function monthlyBreakdown(lang: Language, stats: ReviewStatistics, id: string, title: string, seriesOf: (row: ReviewStatistics['counts'][number]) => string, series: ChartSeries[]) {
  const counts = new Map<string, number>();
  for (const row of stats.counts) {
    const key = `${row.month}|${seriesOf(row)}`;
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  const value = (month: string, key: string) => counts.get(`${month}|${key}`) ?? 0;
  const format = (n: number) => formatNumber(lang, n);
  const months = stats.months.map((month, index) => {
    const label = monthLabel(lang, month);
    return { ...label, sub: index === 0 || month.endsWith('-01') ? label.year : '' };
  });
  const total = stats.counts.reduce((sum, row) => sum + row.count, 0);
  const chart = stackedBarChart({
    id, title, categories: months, series, value, format, rtl: lang === 'fa',
    description: t(lang, 'review.stats.chartSummary', { total: format(total), from: months[0]!.label, to: months[months.length - 1]!.label }),
  });
  const rows = months.map((month) => {
    const cells = series.map((s) => value(month.key, s.key));
    return { month: month.label, cells: cells.map(format), total: format(cells.reduce((a, b) => a + b, 0)) };
  });
  const totals = series.map((s) => format(months.reduce((sum, month) => sum + value(month.key, s.key), 0)));
  return { chart, series, rows, totals, total: format(total), empty: total === 0 };
}

/** A duration in days (one decimal), or in hours below a day. */
function days(lang: Language, hours: number | null): string {
  if (hours === null) return '';
  const tenth = (n: number) => formatNumber(lang, Math.round(n * 10) / 10);
  return hours < 24 ? t(lang, 'review.stats.hours', { count: tenth(hours) }) : t(lang, 'review.stats.days', { count: tenth(hours / 24) });
}

/** Everything the statistics page shows, in `lang`: two monthly breakdowns, the most failed clauses and the decision times. */
export function presentStatistics(lang: Language, stats: ReviewStatistics, titles: ClauseTitles) {
  const statuses = submissionStates.filter((status) => stats.counts.some((row) => row.status === status)).map((status) => ({ key: status, label: t(lang, `review.status.${status}`) }));
  const categoryOf = (code: string) => stats.categoryOf[code] ?? code;
  const categories = [...new Set(stats.counts.map((row) => categoryOf(row.standardCode)))].sort().map((slug) => ({ key: slug, label: categoryName(lang, slug) }));
  const format = (n: number) => formatNumber(lang, n);
  const clauses = stats.failedClauses.clauses.map((row) => {
    const info = titles.get(`${row.standardCode}@${row.standardVersion}`)?.find((clause) => clause.clause === row.clause);
    return { ...row, title: info?.title ? pickText(info.title, lang) : '', count: format(row.submissions) };
  });
  const times = stats.decisionTimes;
  return {
    byStatus: monthlyBreakdown(lang, stats, 'chart-status', t(lang, 'review.stats.byStatus'), (row) => row.status, statuses),
    byCategory: monthlyBreakdown(lang, stats, 'chart-category', t(lang, 'review.stats.byCategory'), (row) => categoryOf(row.standardCode), categories),
    failed: {
      clauses,
      examined: format(stats.failedClauses.examined),
      capped: stats.failedClauses.capped,
      chart: rankedBarChart({
        id: 'chart-clauses', title: t(lang, 'review.stats.failedClauses'), rtl: lang === 'fa',
        description: t(lang, 'review.stats.chartClauses', { count: format(clauses.length) }),
        bars: clauses.map((row) => ({ label: `${row.standardCode} ${row.clause}`, value: row.submissions, valueText: row.count })),
      }),
    },
    times: {
      decisions: format(times.decisions),
      median: days(lang, times.medianHours),
      p90: days(lang, times.p90Hours),
      medianHours: times.medianHours,
      p90Hours: times.p90Hours,
      empty: times.decisions === 0,
      chart: rankedBarChart({
        id: 'chart-times', title: t(lang, 'review.stats.decisionTime'), rtl: lang === 'fa',
        description: t(lang, 'review.stats.chartTimes', { median: days(lang, times.medianHours), p90: days(lang, times.p90Hours), count: format(times.decisions) }),
        bars: [
          { label: t(lang, 'review.stats.median'), value: times.medianHours ?? 0, valueText: days(lang, times.medianHours) },
          { label: t(lang, 'review.stats.p90'), value: times.p90Hours ?? 0, valueText: days(lang, times.p90Hours) },
        ],
      }),
    },
  };
}
