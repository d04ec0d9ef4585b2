import type { Jurisdiction } from '../../store/port.ts';

/**
 * Certificate numbers: `IRRU-<jurisdiction>-<year>-<6-digit sequence>-<check digit>`, e.g. IRRU-IR-2026-000042-4.
 *
 * The check digit is ISO/IEC 7064 MOD 11-10 (the hybrid system also used by German tax and company
 * numbers) computed over a digit string made of the jurisdiction's letters converted as in IBAN
 * (A=10 … Z=35, so IR → 1827, RU → 2730), then the 4-digit year, then the 6-digit sequence. It catches
 * every single-digit error and every swap of adjacent digits, and a number copied with the wrong
 * jurisdiction fails too.
 */
export const numberPattern = /^IRRU-(IR|RU)-(\d{4})-(\d{6})-(\d)$/;

/** The most certificates one jurisdiction can issue in one year with six sequence digits. */
export const maxSequence = 999_999;

/** The parts of a certificate number. */
export interface CertificateNumberParts {
  jurisdiction: Jurisdiction;
  year: number;
  sequence: number;
}

function lettersToDigits(letters: string): string {
  return [...letters].map((letter) => String(letter.charCodeAt(0) - 55)).join('');
}

/** ISO/IEC 7064 MOD 11-10 check digit of a string of decimal digits. */
export function mod11_10(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new TypeError('MOD 11-10 needs decimal digits');
  let product = 10;
  for (const char of digits) {
    let sum = (product + Number(char)) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10;
}

/**
 * The MOD 11-10 check digit of a registry number made of letters (converted as in IBAN), a 4-digit year
 * and a 6-digit sequence. Certificate numbers use the jurisdiction as letters; other numbered documents
 * (customs documents: `CD` + jurisdiction) put their series letters first, so a number cannot pass as another kind.
 */
export function registryCheckDigit(letters: string, year: number, sequence: number): number {
  return mod11_10(payloadDigits({ letters, year, sequence }));
}

function payloadDigits({ letters, jurisdiction, year, sequence }: { letters?: string; jurisdiction?: string; year: number; sequence: number }): string {
  return lettersToDigits(letters ?? jurisdiction ?? '') + String(year).padStart(4, '0') + String(sequence).padStart(6, '0');
}

/** Formats a certificate number with its check digit. */
export function formatCertificateNumber(parts: CertificateNumberParts): string {
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > maxSequence) {
    throw new RangeError(`sequence ${parts.sequence} is outside 1…${maxSequence}`);
  }
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) throw new RangeError(`year ${parts.year} is not a 4-digit year`);
  const sequence = String(parts.sequence).padStart(6, '0');
  return `IRRU-${parts.jurisdiction}-${parts.year}-${sequence}-${mod11_10(payloadDigits(parts))}`;
}

/** The parts of a well-formed number whose check digit is right, or null for anything else. */
export function parseCertificateNumber(text: string): CertificateNumberParts | null {
  const match = numberPattern.exec(text);
  if (!match) return null;
  const parts = { jurisdiction: match[1] as Jurisdiction, year: Number(match[2]), sequence: Number(match[3]) };
  if (parts.sequence < 1 || mod11_10(payloadDigits(parts)) !== Number(match[4])) return null;
  return parts;
}
