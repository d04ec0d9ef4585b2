import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { createSubmission, type NewSubmission } from '../../../domain/submissions/create.ts';
import { validateInput } from '../../../input-schemas.ts';
import type { StandardRecord, Store } from '../../../store/port.ts';
import { actingOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { formPost, uploadPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { readForm } from '../schema-form/index.ts';
import { requireSignedIn } from '../session.ts';
import { formErrorsOf } from './form-errors.ts';
import { specFormView, readJurisdictions, jurisdictionChoices, type SpecFormInput } from './spec-form-view.ts';
import { canCertifyUnder, parseStandardChoice, standardFormOf, type StandardForm } from './standard-forms.ts';
import { pageUpload, readSpecFile, uploadedFile, uploadErrorOf } from './uploads.ts';

/** A published version under which certificates can be issued, named "CODE@VERSION"; null for anything else. */
async function publishedStandard(store: Store, choice: unknown): Promise<StandardRecord | null> {
  const parsed = parseStandardChoice(choice);
  const record = parsed ? await store.standards.get(parsed.code, parsed.version) : null;
  return record && record.status === 'published' && canCertifyUnder(record) ? record : null;
}

/** The standards a new submission may be made against: published and able to certify, by code. */
async function standardChoices(store: Store, lang: Language, selected: unknown) {
  const records = (await store.standards.list()).filter((record) => record.status === 'published' && canCertifyUnder(record));
  return records.map((record) => ({
    value: `${record.code}@${record.version}`, code: record.code, version: record.version,
    title: record.title[lang] ?? record.title.en, selected: selected === `${record.code}@${record.version}`,
  }));
}

interface ChooserState {
  errors?: Record<string, string>;
  standard?: unknown;
  jurisdictions?: readonly string[];
}

async function renderChooser(req: Request, res: Response, store: Store, state: ChooserState, status = 200): Promise<void> {
  const lang = res.locals.lang as Language;
  renderPage(req, res, 'submission-new-choose', {
    title: t(lang, 'vendor.new.title'),
    standards: await standardChoices(store, lang, state.standard),
    errors: state.errors ?? {},
    jurisdictions: jurisdictionChoices.map((j) => ({ value: j, label: t(lang, `common.jurisdiction.${j}`), checked: state.jurisdictions?.includes(j) ?? false })),
    hasErrors: Object.keys(state.errors ?? {}).length > 0,
  }, status);
}

function renderNewForm(req: Request, res: Response, standard: StandardForm, input: SpecFormInput, status = 200): void {
  const lang = res.locals.lang as Language;
  const { record } = standard;
  const { view } = specFormView(standard, input, lang, {
    action: '/submissions/new', hidden: { standard: `${record.code}@${record.version}` }, submitLabel: t(lang, 'vendor.new.check'),
  });
  renderPage(req, res, 'submission-new', {
    title: t(lang, 'vendor.new.formTitle', { standard: record.code }),
    standard: { code: record.code, version: record.version, title: record.title, value: `${record.code}@${record.version}` },
    form: view,
  }, status);
}

/**
 * A new submission: choose a published standard, then fill in the form generated from its schema (or upload
 * the spec as a JSON file) and the jurisdictions to seek approval in. Sending checks the spec at once (the
 * check runs in the worker pool, through createSubmission) and opens the submission with its clause matrix.
 */
export function newSubmissionPages(ctx: AppContext): Router {
  const { store, engine } = ctx;
  const submissions = { store: ctx.store, checks: ctx.checks, hooks: ctx.hooks };
  const maxBytes = ctx.config.limits.uploadBytes;
  const router = Router();

  router.get('/submissions/new', requireSignedIn, async function newSubmissionPage(req, res) {
    authorize(res.locals.actor as Actor, 'submission.create');
    const lang = res.locals.lang as Language;
    if (req.query.standard === undefined) return renderChooser(req, res, store, {});
    const record = await publishedStandard(store, req.query.standard);
    if (!record) return renderChooser(req, res, store, { errors: { standard: t(lang, 'vendor.error.chooseStandard') } }, 404);
    renderNewForm(req, res, await standardFormOf(store.standards, engine, record), { values: {}, jurisdictions: [] });
  });

  formPost(router, '/submissions/new', async function checkNewSubmission(req, res) {
    authorize(res.locals.actor as Actor, 'submission.create');
    const lang = res.locals.lang as Language;
    const body = req.body as Record<string, unknown>;
    const record = await publishedStandard(store, body.standard);
    if (!record) return renderChooser(req, res, store, { errors: { standard: t(lang, 'vendor.error.chooseStandard') } }, 422);
    const standard = await standardFormOf(store.standards, engine, record);
    const reading = readForm(standard.form, body, lang);
    const jurisdictions = readJurisdictions(body.jurisdictions);
    const shown: SpecFormInput = { values: reading.spec, typed: reading.typed, errors: reading.errors, formErrors: reading.formErrors, jurisdictions: jurisdictions.typed };
    if (reading.action.kind !== 'check') return renderNewForm(req, res, standard, { ...shown, addRowTo: reading.action.kind === 'add' ? reading.action.pointer : null });
    const errors = new Map(reading.errors);
    if (jurisdictions.chosen.length === 0) errors.set('jurisdictions', t(lang, 'vendor.error.jurisdictions'));
    if (errors.size > 0 || reading.formErrors.length > 0) return renderNewForm(req, res, standard, { ...shown, errors }, 422);
    try {
      const input = validateInput<NewSubmission>('urn:irru:api:new-submission', { standard: record.code, version: record.version, jurisdictions: jurisdictions.chosen, spec: reading.spec });
      const { submission } = await createSubmission(submissions, actingOf(req, res), input);
      res.redirect(303, `/submissions/${submission.id}`);
    } catch (error) {
      const refused = formErrorsOf(error, lang);
      renderNewForm(req, res, standard, { ...shown, errors: new Map([...errors, ...refused.fields]), formErrors: refused.form }, 422);
    }
  });

  uploadPost(router, '/submissions/new/upload', pageUpload('spec', maxBytes), async function checkUploadedSpec(req, res) {
    authorize(res.locals.actor as Actor, 'submission.create');
    const lang = res.locals.lang as Language;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jurisdictions = readJurisdictions(body.jurisdictions);
    const errors: Record<string, string> = {};
    const record = await publishedStandard(store, body.standard);
    if (!record) errors.uploadStandard = t(lang, 'vendor.error.chooseStandard');
    if (jurisdictions.chosen.length === 0) errors.jurisdictions = t(lang, 'vendor.error.jurisdictions');
    const file = uploadedFile(req, 'spec');
    const read = file ? readSpecFile(file.buffer, lang) : null;
    const fileError = uploadErrorOf(res, lang, maxBytes) ?? (read === null ? t(lang, 'vendor.error.noFile') : 'error' in read ? read.error : null);
    if (fileError) errors.spec = fileError;
    const chooser = { standard: body.standard, jurisdictions: jurisdictions.typed };
    if (Object.keys(errors).length > 0 || !record || !read || 'error' in read) return renderChooser(req, res, store, { ...chooser, errors }, 422);
    try {
      const input = validateInput<NewSubmission>('urn:irru:api:new-submission', { standard: record.code, version: record.version, jurisdictions: jurisdictions.chosen, spec: read.spec });
      const { submission } = await createSubmission(submissions, actingOf(req, res), input);
      res.redirect(303, `/submissions/${submission.id}`);
    } catch (error) {
      const refused = formErrorsOf(error, lang);
      // The file's own fields are not on this page: what is wrong inside it is said next to the file.
      const inFile = [...refused.fields].filter(([name]) => name !== 'jurisdictions').map(([name, message]) => `${name}: ${message}`);
      const fields: Record<string, string> = {};
      if (refused.fields.has('jurisdictions')) fields.jurisdictions = refused.fields.get('jurisdictions')!;
      if (inFile.length > 0 || refused.form.length > 0) fields.spec = [...refused.form, ...inFile].join(' ');
      renderChooser(req, res, store, { ...chooser, errors: fields }, 422);
    }
  });
  return router;
}
