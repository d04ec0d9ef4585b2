import type { CertificateStatus, Jurisdiction, RegisterKeys, RegisterRecord, RegisterRow, RegisterSearch, Store } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import { hsDigitsOf, registerKey, searchWords } from './register-keys.ts';
import { effectiveStatus, type EffectiveStatus } from '../certificates/status.ts';
import type { ConformityOutlook } from '../standards/transition/conformity-outlook.ts';

/** A search of the public register; every given filter must hold. Empty strings count as not given (as a blank form field). */
export interface RegisterQuery {
  /** Free text over manufacturer, brand, model and variants; every word must occur, the last may be the start of a word. */
  q?: string;
  /** The manufacturer's full name (case, accents and spacing ignored). */
  manufacturer?: string;
  /** The model's full name (case, accents and spacing ignored). */
  model?: string;
  /** An HS code or its start: "8517" finds 8517.13.00 and 8517.62 (punctuation ignored). */
  hsCode?: string;
  /** "CODE" (any version) or "CODE@version". */
  standard?: string;
  jurisdiction?: Jurisdiction;
  /** The status now: expired means past validUntil and not revoked, whatever else was recorded. */
  status?: EffectiveStatus;
  /** Issued on or after this UTC day (YYYY-MM-DD). */
  issuedFrom?: string;
  /** Issued on or before this UTC day (YYYY-MM-DD). */
  issuedTo?: string;
  /** The nextCursor of the previous page. */
  cursor?: string;
  /** Entries per page: 1 to 100, 25 by default. */
  limit?: number;
}

/** One certificate as the public register lists it: the stored facts, its status now (expiry by date included) and its standard. */
export type RegisterEntry = Omit<RegisterRecord, RegisterKeys | 'status' | 'standardCode' | 'standardVersion'> & {
  status: EffectiveStatus;
  standard: { code: string; version: string };
  /** Where it stands against the newest published version of its standard (added by withConformityOutlook). */
  newestStandard?: ConformityOutlook;
};

export interface RegisterPage {
  items: RegisterEntry[];
  /** Opaque; pass it as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export const registerPageSize = { default: 25, max: 100 } as const;
/** Free text beyond this many words is refused (each word is one more index lookup). */
export const maxSearchWords = 16;

const statuses: readonly EffectiveStatus[] = ['valid', 'suspended', 'revoked', 'expired'];
const jurisdictions: readonly Jurisdiction[] = ['IR', 'RU'];
const standardPattern = /^([A-Za-z][A-Za-z0-9-]{1,39})(?:@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?))?$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(parameter: string, message: string, keyword: string): DomainError {
  return new DomainError('validation_failed', `${parameter}: ${message}`, { errors: [{ path: `/${parameter}`, message, keyword, params: {} }] });
}

/** The given, non-blank value of a text parameter. */
function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The first instant of a UTC day, or a validation error naming the parameter. */
function dayStart(parameter: string, day: string): Date {
  const match = dayPattern.exec(day);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== day) throw invalid(parameter, 'must be a date YYYY-MM-DD', 'format');
  return date;
}

const cursorPrefix = 'r1.';

function encodeCursor(position: number): string {
  return Buffer.from(`${cursorPrefix}${position}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const position = text.startsWith(cursorPrefix) ? Number(text.slice(cursorPrefix.length)) : NaN;
  if (!Number.isSafeInteger(position) || position < 1 || text !== `${cursorPrefix}${position}`) throw invalid('cursor', 'is not a cursor this register gave out', 'cursor');
  return position;
}

/** The recorded statuses and validity window that make up a status as seen now. */
function statusConditions(status: EffectiveStatus, now: string): Pick<RegisterSearch, 'statuses' | 'validUntilAfter' | 'validUntilNotAfter'> {
  if (status === 'revoked') return { statuses: ['revoked'] };
  if (status === 'expired') return { statuses: ['valid', 'suspended'], validUntilNotAfter: now };
  return { statuses: [status satisfies CertificateStatus], validUntilAfter: now };
}

/** The store search a register query stands for, or a validation error naming the first bad parameter; null when nothing can match. */
function storeSearchOf(query: RegisterQuery, now: Date): RegisterSearch | null {
  const limit = query.limit ?? registerPageSize.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > registerPageSize.max) throw invalid('limit', `must be a whole number from 1 to ${registerPageSize.max}`, 'maximum');
  const search: RegisterSearch = { words: [], limit: limit + 1 };
  const q = given(query.q);
  if (q !== undefined) {
    search.words = searchWords(q);
    if (search.words.length > maxSearchWords) throw invalid('q', `must have at most ${maxSearchWords} words`, 'maxItems');
  }
  const manufacturer = given(query.manufacturer);
  if (manufacturer !== undefined) search.manufacturerKey = registerKey(manufacturer);
  const model = given(query.model);
  if (model !== undefined) search.modelKey = registerKey(model);
  const hsCode = given(query.hsCode);
  if (hsCode !== undefined) {
    search.hsDigitsPrefix = hsDigitsOf(hsCode);
    if (!/^\d{2,12}$/.test(search.hsDigitsPrefix)) throw invalid('hsCode', 'must be an HS code or its start: 2 to 12 digits, dots and spaces allowed', 'pattern');
  }
  const standard = given(query.standard);
  if (standard !== undefined) {
    const match = standardPattern.exec(standard);
    if (!match) throw invalid('standard', 'must be a standard code, optionally with @version (IRRU-UE or IRRU-UE@1.0.0)', 'pattern');
    search.standardCode = match[1]!.toUpperCase();
    if (match[2]) search.standardVersion = match[2];
  }
  if (query.jurisdiction !== undefined) {
    if (!jurisdictions.includes(query.jurisdiction)) throw invalid('jurisdiction', `must be one of ${jurisdictions.join(', ')}`, 'enum');
    search.jurisdiction = query.jurisdiction;
  }
  if (query.status !== undefined) {
    if (!statuses.includes(query.status)) throw invalid('status', `must be one of ${statuses.join(', ')}`, 'enum');
    Object.assign(search, statusConditions(query.status, now.toISOString()));
  }
  const from = given(query.issuedFrom) === undefined ? undefined : dayStart('issuedFrom', query.issuedFrom!.trim());
  const to = given(query.issuedTo) === undefined ? undefined : dayStart('issuedTo', query.issuedTo!.trim());
  if (from && to && to < from) throw invalid('issuedTo', 'must not be before issuedFrom', 'formatMinimum');
  if (from) search.issuedFrom = from.toISOString();
  if (to) search.issuedBefore = new Date(to.getTime() + 86_400_000).toISOString();
  const cursor = given(query.cursor);
  if (cursor !== undefined) search.beforePosition = decodeCursor(cursor);
  // Text with no letter or digit in it can match nothing.
  return q !== undefined && search.words.length === 0 ? null : search;
}

function entryOf(row: RegisterRow, now: Date): RegisterEntry {
  return {
    number: row.number,
    jurisdiction: row.jurisdiction,
    status: effectiveStatus(row, row.status, now),
    statusReason: row.statusReason,
    statusAt: row.statusAt,
    manufacturer: row.manufacturer,
    brand: row.brand,
    model: row.model,
    variants: row.variants,
    hsCode: row.hsCode,
    standard: { code: row.standardCode, version: row.standardVersion },
    issuedAt: row.issuedAt,
    validUntil: row.validUntil,
  };
}

/**
 * Searches the public register: certificates matching every given filter, newest issued first, one page at a
 * time (keyset paging: a page continues below the last position of the previous one, so certificates issued
 * meanwhile never shift or repeat entries). Free text is matched as literal words, never as query syntax.
 * Throws DomainError('validation_failed') naming the parameter when a filter is malformed.
 */
export async function searchRegister(store: Pick<Store, 'register'>, query: RegisterQuery, now: Date = new Date()): Promise<RegisterPage> {
  const search = storeSearchOf(query, now);
  if (!search) return { items: [], nextCursor: null };
  const rows = await store.register.search(search);
  const page = rows.slice(0, search.limit - 1);
  const more = rows.length > page.length;
  return { items: page.map((row) => entryOf(row, now)), nextCursor: more ? encodeCursor(page.at(-1)!.position) : null };
}
