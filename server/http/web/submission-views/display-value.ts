import { formatNumber } from '../i18n/format.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** Longest text a page shows for one value; longer ones end in "…" (the full value stays in the spec). */
const maxShownLength = 300;

/**
 * A spec value as a page shows it, in the reader's language: numbers with the language's digits, booleans
 * as yes/no, strings as they are, arrays and objects as compact JSON. Never throws; long values are cut.
 */
export function displayValue(lang: Language, value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = formatNumber(lang, value);
  else if (typeof value === 'boolean') text = t(lang, value ? 'vendor.value.yes' : 'vendor.value.no');
  else if (typeof value === 'string') text = value;
  else if (value === null) text = 'null';
  else if (value === undefined) text = '';
  else text = safeJson(value);
  return text.length > maxShownLength ? `${text.slice(0, maxShownLength)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
