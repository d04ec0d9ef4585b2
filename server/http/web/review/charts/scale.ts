/** Axis ticks for counts from 0 to at least `max`: 0 and up to five round steps (1, 2 or 5 × 10ⁿ). */
export function countTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((candidate) => candidate >= rough && Number.isInteger(candidate)) ?? Math.ceil(rough);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/**
 * Fills for chart series: the Okabe–Ito palette (told apart with the common colour-vision deficiencies),
 * each paired with a hatching so series differ without colour too; every value is also in a table.
 */
export const seriesFills: ReadonlyArray<{ colour: string; hatch: 'none' | 'diagonal' | 'cross' | 'dots' }> = [
  { colour: '#0072B2', hatch: 'none' },
  { colour: '#E69F00', hatch: 'diagonal' },
  { colour: '#009E73', hatch: 'none' },
  { colour: '#D55E00', hatch: 'cross' },
  { colour: '#56B4E9', hatch: 'dots' },
  { colour: '#CC79A7', hatch: 'diagonal' },
  { colour: '#7F7F7F', hatch: 'none' },
  { colour: '#F0E442', hatch: 'cross' },
];

/** The fill of series `index` (the palette repeats, shifted to another hatching, beyond its length). */
export function seriesFill(chartId: string, index: number) {
  const base = seriesFills[index % seriesFills.length]!;
  const hatches = ['none', 'diagonal', 'cross', 'dots'] as const;
  const hatch = index < seriesFills.length ? base.hatch : hatches[(hatches.indexOf(base.hatch) + Math.floor(index / seriesFills.length)) % hatches.length]!;
  return { id: `${chartId}-fill-${index}`, colour: base.colour, hatch, diagonal: hatch === 'diagonal', cross: hatch === 'cross', dots: hatch === 'dots' };
}
