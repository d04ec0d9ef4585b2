import type { Language } from './languages.ts';

/**
 * Digits between scripts. What people type on a Persian or Arabic keyboard (U+06F0–U+06F9, U+0660–U+0669)
 * is read as ASCII digits, so a number typed in Persian is the same number; and the validator's messages,
 * written with ASCII digits, are shown with the page's digits.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}

const persianDigits = '۰۱۲۳۴۵۶۷۸۹';

/**
 * A message's free-standing numbers in the language's digits (the validator's Persian messages carry Latin
 * digits: "باید حداکثر 23 باشد"). Only whole space-delimited numbers change: digits inside a quoted pattern,
 * a code or an identifier stay as the standard wrote them.
 */
export function localizeDigits(lang: Language, text: string): string {
  if (lang !== 'fa') return text;
  return text.replace(/(^|\s)(\d+(?:\.\d+)?)(?=\s|$)/g, (_whole, space: string, number: string) =>
    space + number.replace(/\d/g, (digit) => persianDigits[Number(digit)]!).replace('.', '٫'));
}
