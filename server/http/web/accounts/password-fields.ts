import { passwordLength, passwordProblem } from '../../../domain/accounts/passwords.ts';
import { fieldText } from '../forms.ts';
import { formatNumber } from '../i18n/format.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** Field errors of a form: the field's name → the message shown next to it. */
export type FieldErrors = Record<string, string>;

/** A form field as one string: '' when absent or repeated (a crafted body), never an array or object. */
export function textField(body: unknown, name: string): string {
  return fieldText(body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);
}

/** The policy's bounds with the language's digits. */
function lengthBounds(lang: Language) {
  return { min: formatNumber(lang, passwordLength.min), max: formatNumber(lang, passwordLength.max) };
}

/** Why a password is refused (the domain's details.problem), in the page's language. */
export function passwordProblemText(lang: Language, problem: string): string {
  const key = `accounts.password.problem.${problem}`;
  return t(lang, ['too_short', 'too_long', 'same_as_email', 'wrong_current'].includes(problem) ? key : 'accounts.admin.invalidValue', lengthBounds(lang));
}

/**
 * The errors of a new password typed twice: missing, refused by the policy (for this e-mail address), or
 * the two not matching. `fields` names the form's two inputs.
 */
export function newPasswordErrors(
  lang: Language, email: string, password: string, repeat: string, fields: { password: string; repeat: string },
): FieldErrors {
  if (!password) return { [fields.password]: t(lang, 'accounts.password.missingNew') };
  const problem = passwordProblem(password, email);
  if (problem) return { [fields.password]: passwordProblemText(lang, problem) };
  return password === repeat ? {} : { [fields.repeat]: t(lang, 'accounts.password.mismatch') };
}

/** The rules a new password must meet, for the help text under the field. */
export function passwordRules(lang: Language): string {
  return t(lang, 'accounts.password.rules', lengthBounds(lang));
}
