/**
 * Numbers as people type them into the generated form: "12.5", "12,5", Persian "۱۲٫۵" or Arabic-Indic
 * "١٢٫٥" digits, a leading minus (ASCII or U+2212), an exponent. Anything else (two separators, grouping,
 * letters, spaces inside) is refused, so a value never silently becomes a different number.
 */

const digitZeros = [0x06f0, 0x0660]; // Extended Arabic-Indic (Persian), Arabic-Indic

/** Direction marks a right-to-left keyboard may leave around a number (LRM, RLM, ALM, isolates). */
const directionMarks = /[\u200e\u200f\u061c\u2066-\u2069]/g;

/** The ASCII spelling of a typed number: digits and separators normalised, nothing else changed. */
export function normaliseNumberText(typed: string): string {
  let out = '';
  for (const char of typed.replace(directionMarks, '').trim()) {
    const code = char.codePointAt(0)!;
    const zero = digitZeros.find((z) => code >= z && code <= z + 9);
    if (zero !== undefined) out += String(code - zero);
    else if (char === '\u066b' || char === ',') out += '.';
    else if (char === '\u2212') out += '-';
    else out += char;
  }
  return out;
}

const numberSyntax = /^[-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?$/;

/** What a typed number reads as: the number, or why it is not one. */
export type ParsedNumber = { ok: true; value: number } | { ok: false; reason: 'not_a_number' | 'not_an_integer' };

/** Parses `typed` strictly as a number (an integer when `integer`); never throws. */
export function parseFormNumber(typed: string, integer: boolean): ParsedNumber {
  const text = normaliseNumberText(typed);
  if (text.length > 40 || !numberSyntax.test(text)) return { ok: false, reason: 'not_a_number' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not_a_number' };
  if (integer && !Number.isSafeInteger(value)) return { ok: false, reason: 'not_an_integer' };
  // -0 is not a value anyone means; JSON writes it as 0 anyway.
  return { ok: true, value: value === 0 ? 0 : value };
}
