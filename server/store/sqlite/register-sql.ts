import type { RegisterRow, RegisterSearch } from '../port.ts';

/** The columns a row is read back from, in the order of RowValues (its comparison keys serve only the filters). */
export const columns = ['position', 'number', 'jurisdiction', 'status', 'status_reason', 'status_at', 'manufacturer', 'brand', 'model', 'variants', 'hs_code',
  'standard_code', 'standard_version', 'issued_at', 'valid_until'].map((column) => `r.${column}`).join(', ');

/** A row as read in raw mode (an array: better-sqlite3 builds an object per row several times slower, a cost every search pays 26 times). */
export type RowValues = [
  position: number, number: string, jurisdiction: RegisterRow['jurisdiction'], status: RegisterRow['status'], statusReason: string | null,
  statusAt: string | null, manufacturer: string, brand: string, model: string, variants: string, hsCode: string, standardCode: string,
  standardVersion: string, issuedAt: string, validUntil: string,
];

export function toRow(values: RowValues): RegisterRow {
  const [position, number, jurisdiction, status, statusReason, statusAt, manufacturer, brand, model, variants, hsCode, standardCode, standardVersion, issuedAt, validUntil] = values;
  return {
    position, number, jurisdiction, status, statusReason, statusAt, manufacturer, brand, model, variants: JSON.parse(variants) as string[], hsCode,
    standardCode, standardVersion, issuedAt, validUntil,
  };
}

/** An FTS5 string literal: the word's characters are text to tokenize, never query syntax ("" is a quote inside it). */
function literal(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** The longest prefix with a prefix index (migration 008: prefix = '1 2 … 12'). */
export const indexedPrefixLength = 12;

// What unicode61 reads as a token character (categories L*, N* and Co); everything else separates tokens.
const tokenRun = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The last word as a prefix FTS5 can read from its prefix index: when its last token is longer than the longest
 * indexed prefix, the word is cut after that many of its characters (so "communications" finds what starts with
 * "communicatio"); otherwise unchanged.
 */
function indexedPrefix(word: string): string {
  const last = [...word.matchAll(tokenRun)].at(-1);
  if (!last || [...last[0]].length <= indexedPrefixLength) return word;
  return word.slice(0, last.index) + [...last[0]].slice(0, indexedPrefixLength).join('');
}

/**
 * The FTS5 query of the words: each word a quoted phrase (its tokens in order), all required, the last a prefix.
 * Nothing a user types becomes an operator, a column filter or a NEAR group.
 */
export function ftsQueryOf(words: readonly string[]): string {
  return words.map((word, i) => (i === words.length - 1 ? `${literal(indexedPrefix(word))}*` : literal(word))).join(' AND ');
}

/** The indexed levels of an HS code, longest first (generated columns of migration 008). */
const hsLevels = [{ digits: 6, column: 'hs_subheading' }, { digits: 4, column: 'hs_heading' }, { digits: 2, column: 'hs_chapter' }] as const;

/** The WHERE conditions of a search over the register row `r`, with their named parameters. */
export function conditionsOf(search: RegisterSearch): { sql: string[]; params: Record<string, unknown> } {
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (condition: string, values: Record<string, unknown>) => {
    sql.push(condition);
    Object.assign(params, values);
  };
  if (search.manufacturerKey !== undefined) add('r.manufacturer_key = @manufacturerKey', { manufacturerKey: search.manufacturerKey });
  if (search.modelKey !== undefined) add('r.model_key = @modelKey', { modelKey: search.modelKey });
  if (search.hsDigitsPrefix !== undefined) {
    const hs = search.hsDigitsPrefix;
    const level = hsLevels.find(({ digits }) => hs.length >= digits);
    if (level) add(`r.${level.column} = @hsLevel`, { hsLevel: hs.slice(0, level.digits) });
    // Digits only, so every extension of the prefix sorts below prefix + ':' (the character after '9').
    if (!level || hs.length > level.digits) add("r.hs_digits >= @hs AND r.hs_digits < @hs || ':'", { hs });
  }
  if (search.standardCode !== undefined) add('r.standard_code = @standardCode', { standardCode: search.standardCode });
  if (search.standardVersion !== undefined) add('r.standard_version = @standardVersion', { standardVersion: search.standardVersion });
  if (search.jurisdiction !== undefined) add('r.jurisdiction = @jurisdiction', { jurisdiction: search.jurisdiction });
  if (search.statuses !== undefined) {
    const names = search.statuses.map((_, i) => `@status${i}`);
    add(names.length === 1 ? `r.status = ${names[0]}` : `r.status IN (${names.join(', ')})`, Object.fromEntries(search.statuses.map((status, i) => [`status${i}`, status])));
  }
  if (search.validUntilAfter !== undefined) add('r.valid_until > @validUntilAfter', { validUntilAfter: search.validUntilAfter });
  if (search.validUntilNotAfter !== undefined) add('r.valid_until <= @validUntilNotAfter', { validUntilNotAfter: search.validUntilNotAfter });
  if (search.issuedFrom !== undefined) add('r.issued_at >= @issuedFrom', { issuedFrom: search.issuedFrom });
  if (search.issuedBefore !== undefined) add('r.issued_at < @issuedBefore', { issuedBefore: search.issuedBefore });
  return { sql, params };
}

/**
 * The SQL of a search (within positions from `fromPosition` on, when given). With words, the full-text index drives: it yields matching rowids (positions) newest
 * first and each is joined to its row by primary key until the page is full (CROSS JOIN keeps that order).
 * Without words, the planner reads the register backwards by position, through a filter's index when one fits.
 */
export function searchSql(search: RegisterSearch, conditions: string[], fromPosition?: number): string {
  const bounds = (position: string) => [
    ...(search.beforePosition !== undefined ? [`${position} < @before`] : []), ...(fromPosition !== undefined ? [`${position} >= @from`] : []),
  ];
  if (search.words.length > 0) {
    const where = ['certificate_register_text MATCH @match', ...bounds('certificate_register_text.rowid'), ...conditions];
    return `SELECT ${columns} FROM certificate_register_text CROSS JOIN certificate_register AS r ON r.position = certificate_register_text.rowid
      WHERE ${where.join(' AND ')} ORDER BY certificate_register_text.rowid DESC LIMIT @limit`;
  }
  const where = [...bounds('r.position'), ...conditions];
  return `SELECT ${columns} FROM certificate_register AS r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.position DESC LIMIT @limit`;
}

