import type { Jurisdiction } from '../../store/port.ts';
import { maxSequence, registryCheckDigit } from '../certificates/certificate-number.ts';

/**
 * Customs document numbers: `IRRU-CD-<importing jurisdiction>-<year>-<6-digit sequence>-<check digit>`,
 * e.g. IRRU-CD-RU-2026-000001-3. One gapless sequence per importing jurisdiction and year. The check digit
 * is the certificates' ISO/IEC 7064 MOD 11-10 over the letters `CD` + jurisdiction (IBAN digits), the year
 * and the sequence, so a certificate number cannot pass for a customs document number or the reverse.
 */
export const customsNumberPattern = /^IRRU-CD-(IR|RU)-(\d{4})-(\d{6})-(\d)$/;

/** The parts of a customs document number. */
export interface CustomsNumberParts {
  jurisdiction: Jurisdiction;
  year: number;
  sequence: number;
}

const checkDigitOf = ({ jurisdiction, year, sequence }: CustomsNumberParts) => registryCheckDigit(`CD${jurisdiction}`, year, sequence);

/** Formats a customs document number with its check digit (RangeError outside 1…999999 or a 4-digit year). */
export function formatCustomsNumber(parts: CustomsNumberParts): string {
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > maxSequence) throw new RangeError(`sequence ${parts.sequence} is outside 1…${maxSequence}`);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) throw new RangeError(`year ${parts.year} is not a 4-digit year`);
  return `IRRU-CD-${parts.jurisdiction}-${parts.year}-${String(parts.sequence).padStart(6, '0')}-${checkDigitOf(parts)}`;
}

/** The parts of a well-formed customs document number whose check digit is right, or null for anything else. */
export function parseCustomsNumber(text: string): CustomsNumberParts | null {
  const match = customsNumberPattern.exec(text);
  if (!match) return null;
  const parts = { jurisdiction: match[1] as Jurisdiction, year: Number(match[2]), sequence: Number(match[3]) };
  if (parts.sequence < 1 || checkDigitOf(parts) !== Number(match[4])) return null;
  return parts;
}
