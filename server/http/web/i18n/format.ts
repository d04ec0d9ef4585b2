import type { Language } from './languages.ts';

/**
 * Dates and numbers as each language writes them, through Intl: Persian with the Solar Hijri calendar and
 * Persian digits, Russian with Russian formats, English as in the UK. Instants are shown in UTC with the
 * zone named, so a customs officer and a regulator in different time zones read the same time.
 */
const locales: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', fa: 'fa-IR-u-ca-persian-nu-arabext' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `d:${lang}:${withTime}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date (e.g. 1 Dec 2026, 1 дек. 2026 г., ۱۰ آذر ۱۴۰۵); '' for no date. */
export function formatDate(lang: Language, value: unknown): string {
  const date = toDate(value);
  return date ? dateFormat(lang, false).format(date) : '';
}

/** A date and time in UTC, the zone named. */
export function formatDateTime(lang: Language, value: unknown): string {
  const date = toDate(value);
  return date ? `${dateFormat(lang, true).format(date)} UTC` : '';
}

/** A number with the language's digits and grouping. */
export function formatNumber(lang: Language, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  const key = `n:${lang}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 6 });
    cache.set(key, format);
  }
  return format.format(value);
}
