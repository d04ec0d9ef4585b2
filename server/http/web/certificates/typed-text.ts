import { asciiDigits } from '../i18n/digits.ts';

/** A certificate number as typed: trimmed, ASCII digits, upper case (IRRU-IR-… is written in capitals). */
export function typedCertificateNumber(value: unknown): string {
  return typeof value === 'string' ? asciiDigits(value).trim().toUpperCase() : '';
}
