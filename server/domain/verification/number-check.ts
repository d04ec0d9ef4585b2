import { numberPattern, parseCertificateNumber } from '../certificates/certificate-number.ts';
import { DomainError } from '../errors.ts';
import type { VerdictReason } from './verdict.ts';

/** The words every refused number answers with, whether malformed or with a wrong check digit. */
export const noSuchNumber = 'no such certificate number (check digit)';

/**
 * Why a text cannot be a certificate number of this registry, or null when it can: `malformed_number` when it
 * is not of the form IRRU-IR-2026-000042-4, `bad_check_digit` when the MOD 11-10 check digit is wrong.
 */
export function numberProblem(text: string): VerdictReason | null {
  if (!numberPattern.test(text)) return { code: 'malformed_number', message: `${noSuchNumber}: "${text}" is not of the form IRRU-IR-2026-000042-4` };
  if (!parseCertificateNumber(text)) return { code: 'bad_check_digit', message: `${noSuchNumber}: the check digit of ${text} is wrong` };
  return null;
}

/** Throws a 400 `validation_failed` naming the field and the rule when `text` cannot be a certificate number. */
export function requireCertificateNumber(text: string, field: string): void {
  const problem = numberProblem(text);
  if (!problem) return;
  const keyword = problem.code === 'bad_check_digit' ? 'checkDigit' : 'certificateNumber';
  throw new DomainError('validation_failed', `/${field} ${problem.message}`, { errors: [{ path: `/${field}`, message: problem.message, keyword, params: { rule: problem.code } }] });
}
