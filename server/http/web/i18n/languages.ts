import type { Request } from 'express';

/** The registry's three languages; Persian is written right to left. */
export const languages = ['en', 'ru', 'fa'] as const;
export type Language = (typeof languages)[number];

/** The name of each language in itself, for the language switch. */
export const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский', fa: 'فارسی' };

/** The cookie that remembers the language a visitor chose with the switch. */
export const languageCookie = 'irru_lang';

export function isLanguage(value: unknown): value is Language {
  return languages.includes(value as Language);
}

/** The language a request asks for with `?lang=`, English otherwise. */
export function languageOf(query: unknown): Language {
  return isLanguage(query) ? query : 'en';
}

export function languageDirection(lang: Language): 'ltr' | 'rtl' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** The cookie's value from a Cookie header, without a parser for one value. */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The page language: `?lang=` (the switch), then the remembered choice (cookie), then the browser's
 * Accept-Language, then English.
 */
export function negotiateLanguage(req: Request): Language {
  const asked = req.query.lang;
  if (isLanguage(asked)) return asked;
  const remembered = cookieValue(req, languageCookie);
  if (isLanguage(remembered)) return remembered;
  const accepted = req.acceptsLanguages([...languages]);
  return isLanguage(accepted) && req.headers['accept-language'] ? accepted : 'en';
}

/** The text in `lang` from a {en, ru, fa} object, falling back to English; plain strings pass through. */
export function pickText(text: unknown, lang: Language): string {
  if (text === null || text === undefined) return '';
  if (typeof text !== 'object') return String(text);
  const localized = text as Partial<Record<Language, string>>;
  return localized[lang] ?? localized.en ?? '';
}
