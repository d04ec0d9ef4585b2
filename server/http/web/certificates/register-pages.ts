import { Router } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { maxSearchWords, searchRegister, type RegisterPage } from '../../../domain/register/register-search.ts';
import { withConformityOutlook } from '../../../domain/standards/transition/conformity-outlook.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { authorize } from '../../../domain/policies/index.ts';
import type { InputFailure } from '../../../input-schemas.ts';
import type { Store } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import { registerLink, registerQueryFrom } from '../../register-query.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { asciiDigits } from '../i18n/digits.ts';

/** The register's query parameters, as the form names its fields (and the API its parameters). */
const registerFields = ['q', 'manufacturer', 'model', 'hsCode', 'standard', 'jurisdiction', 'status', 'issuedFrom', 'issuedTo', 'cursor'] as const;
type RegisterField = (typeof registerFields)[number];

/** The text of each field the query carries ('' when absent or repeated); digits typed in Persian count as digits. */
function typedValues(query: Record<string, unknown>): Record<RegisterField, string> {
  return Object.fromEntries(registerFields.map((name) => {
    const value = typeof query[name] === 'string' ? (query[name] as string) : '';
    return [name, name === 'hsCode' || name === 'issuedFrom' || name === 'issuedTo' ? asciiDigits(value) : value];
  })) as Record<RegisterField, string>;
}

/** The message shown next to a field for one validation failure of the register query. */
function failureText(lang: Language, failure: InputFailure): [string, string] {
  const field = failure.path.replace(/^\//, '').split('/')[0] || 'q';
  const { keyword } = failure;
  if (field === 'cursor') return [field, t(lang, 'public.error.cursor')];
  if (keyword === 'maxLength') return [field, t(lang, 'public.error.tooLong', { max: 200 })];
  if (keyword === 'maxItems') return [field, t(lang, 'public.error.tooManyWords', { max: maxSearchWords })];
  if (keyword === 'formatMinimum') return [field, t(lang, 'public.error.dateOrder')];
  if (keyword === 'enum') return [field, t(lang, 'public.error.choice')];
  if (field === 'hsCode') return [field, t(lang, 'public.error.hsCodePrefix')];
  if (field === 'standard') return [field, t(lang, 'public.error.standard')];
  if (field === 'issuedFrom' || field === 'issuedTo') return [field, t(lang, 'public.error.date')];
  return [field, t(lang, 'public.error.invalid')];
}

/** The standards certificates may cite (every code with a version past draft), refreshed at most once a minute. */
function standardChoices(store: Store) {
  let cached: { at: number; codes: Array<{ code: string; title: unknown }> } | null = null;
  return async function currentStandardChoices() {
    if (cached && Date.now() - cached.at < 60_000) return cached.codes;
    const codes = new Map<string, unknown>();
    for (const record of await store.standards.list()) if (record.status !== 'draft') codes.set(record.code, record.title);
    cached = { at: Date.now(), codes: [...codes].map(([code, title]) => ({ code, title })) };
    return cached.codes;
  };
}

/** The query string of the same search without its cursor (for the CSV export and the first page). */
function searchParameters(values: Record<RegisterField, string>): string {
  const params = new URLSearchParams();
  for (const name of registerFields) if (name !== 'cursor' && values[name] !== '') params.set(name, values[name]);
  return params.toString();
}

/**
 * The public register for anyone: a GET search form (free text and filters) that works without JavaScript, the
 * matching certificates newest first with the public reason and date of any suspension or revocation, a link to
 * the next page (keyset cursor) and to the same search as CSV (the API's export). A malformed filter re-shows the
 * form with the message next to its field.
 */
export function registerPages({ store, certificates }: AppContext): Router {
  const router = Router();
  const standards = standardChoices(store);
  router.get('/register', async function searchRegisterPage(req, res) {
    const lang = res.locals.lang as Language;
    authorize((res.locals.actor as Actor | undefined) ?? null, 'register.search');
    const values = typedValues(req.query as Record<string, unknown>);
    let page: RegisterPage | null = null;
    let errors: Record<string, string> = {};
    try {
      page = await searchRegister(store, registerQueryFrom(values), certificates.now());
      page = { ...page, items: await withConformityOutlook(store, page.items) };
    } catch (error) {
      if (!isDomainError(error, 'validation_failed')) throw error;
      errors = Object.fromEntries(((error.details.errors ?? []) as InputFailure[]).map((failure) => failureText(lang, failure)).reverse());
    }
    const search = searchParameters(values);
    renderPage(req, res, 'register', {
      title: t(lang, 'public.register.title'), values, standards: await standards(), page, errors: page ? null : errors,
      csvHref: `/api/v1/certificates.csv${search ? `?${search}` : ''}`,
      nextHref: page?.nextCursor ? registerLink('/register', values, page.nextCursor) : null,
      firstHref: values.cursor ? `/register${search ? `?${search}` : ''}` : null,
      filtered: search !== '',
      filtersUsed: registerFields.some((name) => name !== 'q' && name !== 'cursor' && values[name] !== '') || Object.keys(errors).some((name) => name !== 'q'),
    }, page ? 200 : 400);
  });
  return router;
}
