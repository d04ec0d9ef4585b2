import type { RegisterEntry } from './register-search.ts';

/** The columns of a register export, in order (stable field names: the file is read by programs as well as people). */
export const registerCsvColumns = [
  'number', 'jurisdiction', 'status', 'statusReason', 'statusAt', 'manufacturer', 'brand', 'model', 'variants',
  'hsCode', 'standardCode', 'standardVersion', 'issuedAt', 'validUntil',
  'newestStandardVersion', 'wouldConformToNewest', 'failingClausesOfNewest', 'transitionEndsAt',
] as const;

/** Variants share one cell, separated by this. */
export const variantSeparator = '; ';

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV field: never read as a formula (a leading apostrophe), quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cellsOf(entry: RegisterEntry): Record<(typeof registerCsvColumns)[number], string> {
  return {
    number: entry.number, jurisdiction: entry.jurisdiction, status: entry.status, statusReason: entry.statusReason ?? '', statusAt: entry.statusAt ?? '',
    manufacturer: entry.manufacturer, brand: entry.brand, model: entry.model, variants: entry.variants.join(variantSeparator), hsCode: entry.hsCode,
    standardCode: entry.standard.code, standardVersion: entry.standard.version, issuedAt: entry.issuedAt, validUntil: entry.validUntil,
    newestStandardVersion: entry.newestStandard?.version ?? '', wouldConformToNewest: entry.newestStandard?.wouldConform ?? '',
    failingClausesOfNewest: entry.newestStandard?.failingClauses.join(variantSeparator) ?? '', transitionEndsAt: entry.newestStandard?.transitionEndsAt ?? '',
  };
}

/**
 * Register entries as CSV (RFC 4180: comma-separated, CRLF line ends, a header row) starting with a UTF-8 byte
 * order mark so spreadsheet programs read Persian and Russian correctly; no cell can run as a formula.
 */
export function registerCsv(entries: readonly RegisterEntry[]): string {
  const lines = [registerCsvColumns.join(',')];
  for (const entry of entries) {
    const cells = cellsOf(entry);
    lines.push(registerCsvColumns.map((column) => csvField(cells[column])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
