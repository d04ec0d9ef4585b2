import type { ShipmentRequest } from '../../../domain/customs/customs-document.ts';
import type { ScopeCheck } from '../../../domain/customs/scope.ts';
import { parseSerialRange } from '../../../domain/customs/serials.ts';
import type { DomainError } from '../../../domain/errors.ts';
import { numberProblem } from '../../../domain/verification/number-check.ts';
import { validateInput, type InputFailure } from '../../../input-schemas.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { asciiDigits } from '../i18n/digits.ts';
import { fieldText } from '../forms.ts';
import { typedCertificateNumber } from './typed-text.ts';

/** The customs form's fields, as typed. */
export const customsFields = ['number', 'importer', 'consignmentReference', 'model', 'variant', 'quantity', 'hsCode', 'serials', 'serialFrom', 'serialTo'] as const;
export type CustomsField = (typeof customsFields)[number];
export type CustomsValues = Record<CustomsField, string>;

/** What the form says about what was typed: messages next to fields, and the certified value beside some. */
export interface CustomsFormErrors {
  errors: Partial<Record<CustomsField, string>>;
  hints: Partial<Record<CustomsField, string>>;
}

export function customsValuesOf(body: unknown): CustomsValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(customsFields.map((name) => [name, fieldText(fields[name])])) as CustomsValues;
}

/** The serial numbers typed one per line (commas and semicolons also separate them). */
function serialsOf(text: string): string[] {
  return text.split(/[\r\n,;]+/).map((serial) => serial.trim()).filter((serial) => serial !== '');
}

/** The shipment as the API body schema describes it; a quantity that is not digits stays text, so the schema names it. */
export function shipmentOf(values: CustomsValues): Record<string, unknown> {
  const quantity = asciiDigits(values.quantity).trim();
  const serials = serialsOf(values.serials);
  const from = values.serialFrom.trim();
  const to = values.serialTo.trim();
  return {
    importer: values.importer.trim(), consignmentReference: values.consignmentReference.trim(), model: values.model.trim(),
    ...(values.variant.trim() ? { variant: values.variant.trim() } : {}),
    quantity: /^\d{1,9}$/.test(quantity) ? Number(quantity) : quantity,
    hsCode: asciiDigits(values.hsCode).trim(),
    ...(serials.length ? { serials } : {}),
    ...(from || to ? { serialRange: { from, to } } : {}),
  };
}

function fieldOf(failure: InputFailure): CustomsField {
  const [first, second] = failure.path.split('/').slice(1);
  const name = first || String(failure.params.missingProperty ?? 'importer');
  if (name === 'serialRange') return second === 'to' ? 'serialTo' : 'serialFrom';
  return (customsFields as readonly string[]).includes(name) ? (name as CustomsField) : 'importer';
}

function schemaMessage(lang: Language, field: CustomsField, failure: InputFailure): string {
  const { keyword } = failure;
  if (keyword === 'required' || keyword === 'minLength') return t(lang, field === 'serialFrom' || field === 'serialTo' ? 'public.error.serialRangeHalf' : 'public.error.required');
  if (field === 'quantity') return t(lang, 'public.error.quantity');
  if (keyword === 'identifier') return t(lang, 'public.error.identifier');
  if (field === 'serials' && keyword === 'uniqueItems') return t(lang, 'public.error.serialsRepeated');
  if (field === 'serials' && keyword === 'maxItems') return t(lang, 'public.error.serialsTooMany');
  if (field === 'serials' && keyword === 'maxLength') return t(lang, 'public.error.serialTooLong');
  if (keyword === 'maxLength') return t(lang, 'public.error.tooLong', { max: failure.params.limit });
  if (field === 'hsCode') return t(lang, 'public.error.hsCodeDeclared');
  return t(lang, 'public.error.invalid');
}

/** Checks the typed number and the shipment against the API body schema; the first failure of each field is kept. */
export function checkCustomsForm(lang: Language, values: CustomsValues): { number: string; shipment: ShipmentRequest | null; problems: CustomsFormErrors } {
  const problems: CustomsFormErrors = { errors: {}, hints: {} };
  const number = typedCertificateNumber(values.number);
  const numberIssue = number === '' ? 'required' : numberProblem(number)?.code;
  if (numberIssue) problems.errors.number = t(lang, numberIssue === 'required' ? 'public.error.required' : numberIssue === 'bad_check_digit' ? 'public.error.checkDigit' : 'public.error.numberMalformed');
  const body = shipmentOf(values);
  try {
    return { number, shipment: validateInput<ShipmentRequest>('urn:irru:api:customs-document-request', body), problems };
  } catch (error) {
    for (const failure of ((error as DomainError).details.errors ?? []) as InputFailure[]) {
      const field = fieldOf(failure);
      problems.errors[field] ??= schemaMessage(lang, field, failure);
    }
    return { number, shipment: null, problems };
  }
}

function countOf(shipment: ShipmentRequest): number {
  const range = shipment.serialRange ? parseSerialRange(shipment.serialRange) : null;
  return (shipment.serials?.length ?? 0) + (range && !('rule' in range) ? Number(range.size) : 0);
}

/** The serial and quantity disagreements the domain found (validation_failed from serials.ts), next to their fields. */
export function serialProblems(lang: Language, error: DomainError, shipment: ShipmentRequest): CustomsFormErrors {
  const problems: CustomsFormErrors = { errors: {}, hints: {} };
  for (const failure of (error.details.errors ?? []) as InputFailure[]) {
    if (failure.keyword === 'serial_range') problems.errors.serialFrom ??= t(lang, 'public.error.serialRange');
    else if (failure.keyword === 'serial_in_range') problems.errors.serials ??= t(lang, 'public.error.serialInRange');
    else if (failure.keyword === 'quantity_matches_serials') problems.errors.quantity ??= t(lang, 'public.error.quantityMismatch', { counted: countOf(shipment) });
    else problems.errors.importer ??= t(lang, 'public.error.invalid');
  }
  return problems;
}

const certifiedText = (check: ScopeCheck) => (Array.isArray(check.certified) ? check.certified.join(', ') : check.certified);

/** Why the shipment is outside the certificate (out_of_scope), next to the fields, with the certified value beside each. */
export function scopeProblems(lang: Language, error: DomainError): CustomsFormErrors {
  const problems: CustomsFormErrors = { errors: {}, hints: {} };
  const checks = (error.details.checks ?? []) as ScopeCheck[];
  const importing = String(error.details.importingJurisdiction ?? '');
  for (const check of checks.filter((item) => item.result === 'mismatch')) {
    if (check.field === 'status') {
      problems.errors.number ??= t(lang, 'public.error.certificateNotInForce', { status: t(lang, `public.status.${String(check.certified)}`) });
    } else if (check.field === 'importingJurisdiction') {
      const issuing = Array.isArray(check.certified) ? check.certified[0]! : check.certified;
      problems.errors.number ??= t(lang, 'public.error.notRecognised', { issuing: t(lang, `common.jurisdiction.${issuing}`), importing: t(lang, `common.jurisdiction.${importing}`) });
    } else if (check.field === 'model' || check.field === 'variant' || check.field === 'hsCode') {
      const key = { model: 'public.error.modelMismatch', variant: 'public.error.variantMismatch', hsCode: 'public.error.hsCodeOutside' }[check.field];
      problems.errors[check.field] = t(lang, key);
      problems.hints[check.field] = certifiedText(check);
    }
  }
  return problems;
}
