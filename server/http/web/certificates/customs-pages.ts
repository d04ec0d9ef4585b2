import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import type { CustomsAttestation } from '../../../domain/customs/customs-attestation.ts';
import { createCustomsDocument } from '../../../domain/customs/customs-document.ts';
import { describeCustomsDocument } from '../../../domain/certificates/lookup.ts';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { documentLanguageOf } from '../../../documents/labels.ts';
import type { AppContext } from '../../context.ts';
import { checkCustomsForm, customsValuesOf, scopeProblems, serialProblems, type CustomsFormErrors, type CustomsValues } from './customs-form.ts';
import { formPost } from '../forms.ts';
import { languageNames, languages, type Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { typedCertificateNumber } from './typed-text.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function renderCustomsForm(req: Request, res: Response, values: CustomsValues, problems: CustomsFormErrors = { errors: {}, hints: {} }, status = 200): void {
  const lang = res.locals.lang as Language;
  const actor = res.locals.actor as Actor;
  renderPage(req, res, 'customs-new', {
    title: t(lang, 'public.customs.title'), values, errors: problems.errors, hints: problems.hints,
    hasErrors: Object.keys(problems.errors).length > 0,
    jurisdictionName: t(lang, `common.jurisdiction.${actor.jurisdiction}`),
  }, status);
}

/** The document a signed-in official may read, by its unguessable id (404 for anything else). */
async function customsDocumentFor(ctx: AppContext, res: Response, id: string) {
  authorize(res.locals.actor as Actor, 'customs_document.read');
  const document = uuidPattern.test(id) ? await ctx.store.customsDocuments.get(id) : null;
  if (!document) throw new DomainError('not_found', `no customs document ${id}`);
  return describeCustomsDocument(ctx.certificates, document.number, id);
}

/** Creates the document, or answers the form's problems (a refusal the officer can fix, next to its field). */
async function createOrExplain(ctx: AppContext, req: Request, res: Response, number: string, shipment: Parameters<typeof createCustomsDocument>[3]) {
  const lang = res.locals.lang as Language;
  try {
    return await createCustomsDocument(ctx.certificates, res.locals.actor as Actor, number, shipment, String(req.id ?? '') || null);
  } catch (error) {
    if (isDomainError(error, 'validation_failed')) return serialProblems(lang, error, shipment);
    if (isDomainError(error, 'out_of_scope')) return scopeProblems(lang, error);
    if (isDomainError(error, 'not_found')) return { errors: { number: t(lang, 'public.error.notFound') }, hints: {} };
    throw error;
  }
}

/**
 * Customs officers (and regulators, as the policy allows) create the signed customs document for one shipment
 * imported into their jurisdiction from a form; refusals (serials, scope, an unknown or revoked certificate) are
 * shown next to the field to fix. The result page links the customs document's and the certificate's PDFs in the
 * three languages.
 */
export function customsPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/customs/new', requireSignedIn, function newCustomsDocumentPage(req, res) {
    authorize(res.locals.actor as Actor, 'customs_document.create', null);
    const values = customsValuesOf({});
    values.number = typedCertificateNumber(req.query.number);
    renderCustomsForm(req, res, values);
  });
  formPost(router, '/customs/new', async function createCustomsDocumentByForm(req, res) {
    authorize(res.locals.actor as Actor, 'customs_document.create', null);
    const values = customsValuesOf(req.body);
    const { number, shipment, problems } = checkCustomsForm(res.locals.lang as Language, values);
    if (!shipment || problems.errors.number) return renderCustomsForm(req, res, values, problems, 422);
    const created = await createOrExplain(ctx, req, res, number, shipment);
    if ('errors' in created) return renderCustomsForm(req, res, values, created, 422);
    res.redirect(303, `/customs/documents/${created.id}`);
  });
  router.get('/customs/documents/:id.pdf', requireSignedIn, async function downloadCustomsDocumentPdf(req, res) {
    const view = await customsDocumentFor(ctx, res, String(req.params.id));
    const lang = documentLanguageOf(req.query.lang);
    const pdf = await ctx.documents.customsPdf(view, lang);
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="${view.document.documentNumber ?? view.document.id}-${lang}.pdf"`).set('Cache-Control', 'no-store').send(pdf);
  });
  router.get('/customs/documents/:id', requireSignedIn, async function customsDocumentPage(req, res) {
    const view = await customsDocumentFor(ctx, res, String(req.params.id));
    const { document } = view;
    const lang = res.locals.lang as Language;
    const number = encodeURIComponent(document.number);
    res.set('Cache-Control', 'no-store');
    renderPage(req, res, 'customs-document', {
      title: t(lang, 'public.customs.created'), document, attestation: document.attestation as unknown as CustomsAttestation, expired: view.expired,
      verificationPath: `/v/${number}/customs/${document.id}`,
      pdfs: languages.map((pdfLang) => ({
        lang: pdfLang, name: languageNames[pdfLang],
        customs: `/customs/documents/${document.id}.pdf?lang=${pdfLang}`, certificate: `/api/v1/certificates/${number}.pdf?lang=${pdfLang}`,
      })),
    });
  });
  return router;
}
