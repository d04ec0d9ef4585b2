/**
 * How the public register compares names: what a person means by "the same manufacturer" or "the same model",
 * whatever case, accents, compatibility forms or spacing they typed. Used for the stored keys and for the filters.
 */

/** Persian text typed on an Arabic keyboard: Arabic yeh, alef maksura and kaf are the Persian letters. */
const persianLetters: Record<string, string> = { '\u064A': '\u06CC', '\u0649': '\u06CC', '\u0643': '\u06A9' };

/**
 * The comparison key of a name: NFKD with combining marks removed (é → e, й → и, as the full-text index does),
 * lower case, Arabic yeh and kaf as the Persian letters, runs of spaces as one, no spaces at the ends.
 */
export function registerKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u064A\u0649\u0643]/g, (letter) => persianLetters[letter]!)
    .replace(/[\p{White_Space}\p{Cc}\p{Cf}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * The words of a free-text query: runs of characters between spaces (and control or format characters, which
 * never match), keeping only those with at least one letter or digit, since nothing else can ever match.
 */
export function searchWords(q: string): string[] {
  return q.split(/[\p{White_Space}\p{Cc}\p{Cf}]+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** The digits of an HS code ("8517.13.00" → "85171300"; Persian or Arabic-Indic digits read as 0–9). */
export function hsDigitsOf(hsCode: string): string {
  return [...hsCode.normalize('NFKC')].flatMap((char) => {
    const digit = /\p{Nd}/u.test(char) ? digitValue(char) : null;
    return digit === null ? [] : [String(digit)];
  }).join('');
}

const zeros = [0x30, 0x660, 0x6f0];

function digitValue(char: string): number | null {
  const code = char.codePointAt(0)!;
  for (const zero of zeros) if (code >= zero && code <= zero + 9) return code - zero;
  return null;
}
