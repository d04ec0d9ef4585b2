import type { Language } from '../../i18n/languages.ts';

/**
 * Month names for the statistics, which count Gregorian (UTC) months: Persian pages name them in Persian
 * with Persian digits but keep the Gregorian calendar, since a Solar Hijri month spans two of these.
 */
const locales: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', fa: 'fa-IR-u-ca-gregory-nu-arabext' };

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Language, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${lang}:${key}`;
  let found = formats.get(id);
  if (!found) {
    found = new Intl.DateTimeFormat(locales[lang], { ...options, timeZone: 'UTC' });
    formats.set(id, found);
  }
  return found;
}

/** A month (YYYY-MM) in words, e.g. "March 2026", "март 2026 г.", "مارس ۲۰۲۶"; its short name; and its year alone. */
export function monthLabel(lang: Language, month: string) {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1, 1));
  return {
    key: month,
    label: format(lang, { month: 'long', year: 'numeric' }, 'long').format(date),
    short: format(lang, { month: 'short' }, 'short').format(date),
    year: format(lang, { year: 'numeric' }, 'year').format(date),
  };
}
