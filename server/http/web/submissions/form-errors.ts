import { isDomainError, type ErrorCode } from '../../../domain/errors.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** What a refused command means for the form: messages next to fields (by field name) and about the form as a whole. */
export interface FormErrors {
  fields: Map<string, string>;
  form: string[];
}

interface Failure {
  path?: unknown;
  keyword?: unknown;
  params?: unknown;
}

/** Refusals a user can act on from the form; any other error goes to the error page. */
const formLevel: Partial<Record<ErrorCode, string>> = {
  not_found: 'vendor.error.standardGone',
  invalid_state: 'vendor.error.invalidState',
  not_certifiable: 'vendor.error.notCertifiable',
  check_too_expensive: 'vendor.error.tooExpensive',
  precondition_failed: 'vendor.error.changedMeanwhile',
  not_conforming: 'vendor.error.notConforming',
  conflict: 'vendor.error.conflict',
};

function failuresOf(details: Record<string, unknown>): Failure[] {
  return Array.isArray(details.errors) ? (details.errors as unknown[]).filter((item): item is Failure => typeof item === 'object' && item !== null) : [];
}

function fieldOf(failure: Failure, lang: Language): [string, string] | null {
  const path = typeof failure.path === 'string' ? failure.path : '';
  if (path === '/jurisdictions' || path.startsWith('/jurisdictions/')) {
    const params = (failure.params ?? {}) as Record<string, unknown>;
    if (failure.keyword === 'market_declared' && typeof params.jurisdiction === 'string') {
      return ['jurisdictions', t(lang, 'vendor.error.marketNotDeclared', { jurisdiction: t(lang, `common.jurisdiction.${params.jurisdiction === 'RU' ? 'RU' : 'IR'}`) })];
    }
    return ['jurisdictions', t(lang, 'vendor.error.jurisdictions')];
  }
  if (path.startsWith('/spec/')) return [path.slice('/spec'.length), t(lang, failure.keyword === 'well_formed_unicode' || failure.keyword === 'identifier' ? 'vendor.error.text' : 'vendor.error.invalidValue')];
  return null;
}

/**
 * The form errors a refused submission command stands for, in `lang`: failures naming a field (`/spec/…` →
 * that field, `/jurisdictions…` → the jurisdiction choice), refusals about the form as a whole (standard gone,
 * state, budget, concurrent edit…). Throws the error again when it is nothing the form can show (store down, bug).
 */
export function formErrorsOf(error: unknown, lang: Language): FormErrors {
  if (!isDomainError(error)) throw error;
  const errors: FormErrors = { fields: new Map(), form: [] };
  if (error.code === 'validation_failed' || error.code === 'inconsistent_submission') {
    for (const failure of failuresOf(error.details)) {
      const field = fieldOf(failure, lang);
      if (field && !errors.fields.has(field[0])) errors.fields.set(field[0], field[1]);
      else if (!field) errors.form.push(t(lang, 'vendor.error.invalidValue'));
    }
    if (errors.fields.size === 0 && errors.form.length === 0) errors.form.push(t(lang, 'vendor.error.invalidValue'));
    return errors;
  }
  const key = formLevel[error.code];
  if (!key) throw error;
  errors.form.push(t(lang, key, { revision: typeof error.details.revision === 'number' ? error.details.revision : '' }));
  return errors;
}
