import type { Language } from '../i18n/languages.ts';
import { hasMessage, t } from '../i18n/translate.ts';

/**
 * An equipment category as people read it: its name in `lang` for the categories the registry knows
 * (messages/catalog.ts, `catalog.categoryName.<slug>`), the slug itself for one a regulator introduced.
 */
export function categoryName(lang: Language, slug: string): string {
  const key = `catalog.categoryName.${slug}`;
  return hasMessage(key) ? t(lang, key) : slug;
}

/** Whether the category has a translated name (otherwise pages show its slug as a code). */
export function isKnownCategory(slug: string): boolean {
  return hasMessage(`catalog.categoryName.${slug}`);
}
