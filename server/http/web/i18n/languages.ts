/** The registry's three languages; Persian is written right to left. */
export const languages = ['en', 'ru', 'fa'] as const;
export type Language = (typeof languages)[number];

/** The language a request asks for with `?lang=`, English otherwise. */
export function languageOf(query: unknown): Language {
  return languages.includes(query as Language) ? (query as Language) : 'en';
}

export function languageDirection(lang: Language): 'ltr' | 'rtl' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** The text in `lang` from a {en, ru, fa} object, falling back to English; plain strings pass through. */
export function pickText(text: unknown, lang: Language): string {
  if (text === null || text === undefined) return '';
  if (typeof text !== 'object') return String(text);
  const localized = text as Partial<Record<Language, string>>;
  return localized[lang] ?? localized.en ?? '';
}

const strings: Record<string, Record<Language, string>> = {
  registry: { en: 'IR–RU ICT conformity registry', ru: 'Реестр соответствия ИКТ-оборудования ИР–РФ', fa: 'سامانه ثبت انطباق تجهیزات فاوا ایران–روسیه' },
  standards: { en: 'Standards', ru: 'Стандарты', fa: 'استانداردها' },
  code: { en: 'Code', ru: 'Код', fa: 'کد' },
  version: { en: 'Version', ru: 'Версия', fa: 'نسخه' },
  status: { en: 'Status', ru: 'Статус', fa: 'وضعیت' },
  category: { en: 'Category', ru: 'Категория', fa: 'رده' },
  clause: { en: 'Clause', ru: 'Пункт', fa: 'بند' },
  title: { en: 'Title', ru: 'Наименование', fa: 'عنوان' },
  requirement: { en: 'Requirement', ru: 'Требование', fa: 'الزام' },
  unit: { en: 'Unit', ru: 'Ед. изм.', fa: 'یکا' },
  source: { en: 'Source', ru: 'Источник', fa: 'مرجع' },
  illustrative: { en: 'illustrative value', ru: 'иллюстративное значение', fa: 'مقدار نمونه' },
  contentHash: { en: 'Content hash (SHA-256)', ru: 'Хеш содержимого (SHA-256)', fa: 'چکیده محتوا (SHA-256)' },
  downloadSchema: { en: 'Download the JSON Schema', ru: 'Скачать JSON Schema', fa: 'دریافت JSON Schema' },
  clauses: { en: 'Clauses', ru: 'Пункты', fa: 'بندها' },
  noClauses: { en: 'This standard has no annotated clauses.', ru: 'В этом стандарте нет размеченных пунктов.', fa: 'این استاندارد بند نشانه‌گذاری‌شده‌ای ندارد.' },
  published: { en: 'published', ru: 'опубликован', fa: 'منتشرشده' },
  draft: { en: 'draft', ru: 'проект', fa: 'پیش‌نویس' },
  superseded: { en: 'superseded', ru: 'заменён', fa: 'جایگزین‌شده' },
  withdrawn: { en: 'withdrawn', ru: 'отозван', fa: 'لغوشده' },
  notFound: { en: 'Not found', ru: 'Не найдено', fa: 'یافت نشد' },
};

/** An interface string in `lang` (English, then the key itself, as fallbacks). */
export function uiText(key: string, lang: Language): string {
  return strings[key]?.[lang] ?? strings[key]?.en ?? key;
}
