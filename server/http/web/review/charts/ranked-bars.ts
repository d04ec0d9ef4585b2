import { seriesFill } from './scale.ts';

/** One bar of a ranked (horizontal) bar chart: what it measures, its value and the value as written. */
export interface RankedBar {
  label: string;
  value: number;
  valueText: string;
}

const layout = { row: 28, bar: 18, labelWidth: 220, valueWidth: 90, plotWidth: 320, top: 8 };

/**
 * The geometry of a horizontal bar chart (views/partials/ranked-bar-chart.hbs): one row per item, its label
 * as text, its bar scaled to the largest value and its value written after the bar, so nothing is told by
 * colour or length alone. Right-to-left pages mirror it (the SVG takes the page's direction, so text anchored
 * at "start" runs away from the edge in both).
 */
export function rankedBarChart(input: { id: string; title: string; description: string; bars: RankedBar[]; rtl: boolean }) {
  const width = layout.labelWidth + layout.plotWidth + layout.valueWidth;
  const height = layout.top * 2 + layout.row * input.bars.length;
  const max = Math.max(0, ...input.bars.map((bar) => bar.value));
  const fill = seriesFill(input.id, 0);
  const rows = input.bars.map((bar, index) => {
    const length = max > 0 ? Math.max(1, (bar.value / max) * layout.plotWidth) : 0;
    const rowTop = layout.top + index * layout.row;
    const barStart = input.rtl ? width - layout.labelWidth - length : layout.labelWidth;
    const valueX = input.rtl ? barStart - 6 : barStart + length + 6;
    return {
      label: bar.label,
      labelX: input.rtl ? width - 4 : 4,
      textY: rowTop + layout.bar - 4,
      barX: barStart,
      barY: rowTop,
      barWidth: length,
      barHeight: layout.bar,
      valueText: bar.valueText,
      valueX,
      title: `${bar.label}: ${bar.valueText}`,
    };
  });
  return { id: input.id, title: input.title, description: input.description, width, height, fill, rows };
}
