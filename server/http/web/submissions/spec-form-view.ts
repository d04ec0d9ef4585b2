import type { Jurisdiction } from '../../../store/port.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { buildForm, type FormModel } from '../schema-form/index.ts';
import type { StandardForm } from './standard-forms.ts';

/** The jurisdictions a vendor may seek approval in. */
export const jurisdictionChoices: readonly Jurisdiction[] = ['IR', 'RU'];

/** What the spec form shows: values from a spec or as typed, with errors by field and about the form. */
export interface SpecFormInput {
  values: unknown;
  typed?: ReadonlyMap<string, string | string[]>;
  errors?: ReadonlyMap<string, string>;
  formErrors?: string[];
  addRowTo?: string | null;
  /** The jurisdiction choice (new submissions only): the checked ones, or undefined for none shown. */
  jurisdictions?: readonly string[];
}

/** The posted jurisdiction choice: the valid ones, in a fixed order, and exactly what was posted. */
export function readJurisdictions(value: unknown): { chosen: Jurisdiction[]; typed: string[] } {
  const typed = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
  return { chosen: jurisdictionChoices.filter((j) => typed.includes(j)), typed };
}

/**
 * The context of partial `spec-form`: the generated fields, the error summary, the hidden fields, the jurisdiction
 * choice when asked for, and the labels of its buttons. `model` is also what the clause matrix links to.
 */
export function specFormView(standard: StandardForm, input: SpecFormInput, lang: Language, options: { action: string; hidden: Record<string, string>; submitLabel: string }): { view: Record<string, unknown>; model: FormModel } {
  const fieldErrors = new Map([...(input.errors ?? [])].filter(([name]) => name !== 'jurisdictions'));
  const model = buildForm(standard.form, { values: input.values, typed: input.typed, errors: fieldErrors, addRowTo: input.addRowTo }, lang);
  const jurisdictionError = input.errors?.get('jurisdictions') ?? null;
  const errorSummary = jurisdictionError ? [{ href: '#field-jurisdictions', label: t(lang, 'vendor.jurisdictions'), message: jurisdictionError }, ...model.errorSummary] : model.errorSummary;
  return {
    model,
    view: {
      action: options.action,
      hidden: Object.entries(options.hidden).map(([name, value]) => ({ name, value })),
      submitLabel: options.submitLabel,
      fields: model.fields,
      errorSummary,
      formErrors: input.formErrors ?? [],
      truncated: model.truncated,
      jurisdictions: input.jurisdictions === undefined ? null : {
        error: jurisdictionError,
        options: jurisdictionChoices.map((j) => ({ value: j, label: t(lang, `common.jurisdiction.${j}`), checked: input.jurisdictions!.includes(j) })),
      },
    },
  };
}
