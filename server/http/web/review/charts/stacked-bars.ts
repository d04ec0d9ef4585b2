import { countTicks, seriesFill } from './scale.ts';

/** One series of a stacked bar chart: its key and its label, in the page's language. */
export interface ChartSeries {
  key: string;
  label: string;
}

/** What a stacked bar chart shows: one bar per category (month), stacked by series, with every value formatted. */
export interface StackedBarInput {
  id: string;
  title: string;
  description: string;
  /** Each bar: its key, its full label (in titles), and the one or two short lines written under it. */
  categories: Array<{ key: string; label: string; short: string; sub: string }>;
  series: ChartSeries[];
  /** The count of (category, series); absent means 0. */
  value(category: string, series: string): number;
  /** Numbers as the page's language writes them. */
  format(n: number): string;
  rtl: boolean;
}

const plot = { top: 16, bottom: 48, start: 44, end: 12, height: 200, minSlot: 28, maxSlot: 64 };

/**
 * The geometry of a stacked bar chart, ready for views/partials/stacked-bar-chart.hbs: an SVG with a title and
 * a description (role="img"), one bar per category whose segments carry their own <title> ("series: n"),
 * the total above each bar, a count axis and a legend. In a right-to-left page the categories run right to left.
 */
export function stackedBarChart(input: StackedBarInput) {
  const totals = input.categories.map((category) => input.series.reduce((sum, series) => sum + input.value(category.key, series.key), 0));
  const ticks = countTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1]!;
  const slot = Math.max(plot.minSlot, Math.min(plot.maxSlot, Math.floor(640 / Math.max(1, input.categories.length))));
  const width = plot.start + plot.end + slot * input.categories.length;
  const height = plot.top + plot.height + plot.bottom;
  const baseline = plot.top + plot.height;
  const y = (count: number) => baseline - (count / top) * plot.height;
  const barWidth = Math.round(slot * 0.7);
  const xOf = (index: number) => {
    const ltr = plot.start + index * slot + (slot - barWidth) / 2;
    return input.rtl ? width - ltr - barWidth : ltr;
  };
  const fills = input.series.map((_, index) => seriesFill(input.id, index));
  const bars = input.categories.map((category, index) => {
    let stacked = 0;
    const segments = input.series.flatMap((series, seriesIndex) => {
      const count = input.value(category.key, series.key);
      if (count <= 0) return [];
      const segment = { y: y(stacked + count), height: y(stacked) - y(stacked + count), fill: `url(#${fills[seriesIndex]!.id})`, title: `${category.label} · ${series.label}: ${input.format(count)}` };
      stacked += count;
      return [segment];
    });
    const x = xOf(index);
    return {
      x, width: barWidth, centre: x + barWidth / 2, label: category.label, short: category.short, sub: category.sub, labelY: baseline + 16, subY: baseline + 30,
      segments, total: totals[index]!, totalText: input.format(totals[index]!), totalY: y(totals[index]!) - 4,
    };
  });
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    width,
    height,
    fills,
    bars,
    axis: {
      x: input.rtl ? width - plot.start : plot.start,
      start: input.rtl ? width - plot.start : plot.start,
      end: input.rtl ? plot.end : width - plot.end,
      baseline,
      // The SVG takes the page's direction, so "end" puts the labels outside the axis on either side.
      labelX: input.rtl ? width - plot.start + 6 : plot.start - 6,
      ticks: ticks.map((tick) => ({ y: y(tick), labelY: y(tick) + 4, text: input.format(tick) })),
    },
    legend: input.series.map((series, index) => ({ label: series.label, fill: fills[index]! })),
  };
}
