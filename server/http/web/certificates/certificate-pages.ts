import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { describeCertificate, describeCustomsDocument } from '../../../domain/certificates/lookup.ts';
import { changeStatus, statusActionsFrom, type StatusAction } from '../../../domain/certificates/status.ts';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import { numberProblem } from '../../../domain/verification/number-check.ts';
import { conformityOutlooks } from '../../../domain/standards/transition/conformity-outlook.ts';
import { documentLanguageOf } from '../../../documents/labels.ts';
import { validateInput } from '../../../input-schemas.ts';
import { certificateResponse } from '../../api/certificates.ts';
import type { AppContext } from '../../context.ts';
import { presentCertificate } from './certificate-presentation.ts';
import { fieldText, formPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const statusActions: readonly StatusAction[] = ['suspend', 'reinstate', 'revoke'];
const doneEvents = ['suspended', 'reinstated', 'revoked'];

/** What a re-shown page keeps of a status form: the reason typed and the error next to it. */
interface StatusFormState {
  action: StatusAction;
  reason: string;
  error: string;
}

/** The certificate page: the verdict's three results, what the certificate states, clause results, history, and the status forms the actor may use now. */
async function renderCertificatePage(ctx: AppContext, req: Request, res: Response, number: string, form: StatusFormState | null = null, status = 200): Promise<void> {
  const lang = res.locals.lang as Language;
  const actor = (res.locals.actor as Actor | undefined) ?? null;
  authorize(actor, 'certificate.read');
  const presentation = numberProblem(number) ? null : await presentCertificate(ctx, { number }, lang);
  if (!presentation) throw new DomainError('not_found', `no certificate ${number}`);
  const possible = statusActionsFrom(presentation.view.status);
  const actions = statusActions
    .filter((action) => possible.includes(action) && can(actor, `certificate.${action}`, presentation.view.certificate))
    .map((action) => ({ action, titleKey: `public.action.${action}`, field: `${action}Reason`, reason: form?.action === action ? form.reason : '' }));
  const changed = typeof req.query.changed === 'string' && doneEvents.includes(req.query.changed) ? `public.action.done.${req.query.changed}` : null;
  res.set('Cache-Control', 'no-store');
  renderPage(req, res, 'certificate', {
    title: `${t(lang, 'public.certificate')} ${number}`, presentation, actions, changedKey: changed,
    outlook: (await conformityOutlooks(ctx.store, [number])).get(number),
    errors: form ? { [`${form.action}Reason`]: form.error } : {},
  }, status);
}

/** The reason as the status-change schema accepts it (3 to 1,000 characters, not only spaces), or null. */
function acceptedReason(text: string): string | null {
  try {
    return validateInput<{ reason: string }>('urn:irru:api:certificate-status-change', { reason: text.trim() }).reason;
  } catch (error) {
    if (isDomainError(error, 'validation_failed')) return null;
    throw error;
  }
}

function statusForm(ctx: AppContext, router: Router, action: StatusAction): void {
  formPost(router, `/certificates/:number/${action}`, async function changeCertificateStatusByForm(req, res) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    const number = String(req.params.number);
    authorize(actor, `certificate.${action}`);
    const certificate = numberProblem(number) ? null : await ctx.store.certificates.get(number);
    if (!certificate) throw new DomainError('not_found', `no certificate ${number}`);
    authorize(actor, `certificate.${action}`, certificate);
    const typed = fieldText((req.body as Record<string, unknown>).reason);
    const reason = acceptedReason(typed);
    if (reason === null) return renderCertificatePage(ctx, req, res, number, { action, reason: typed, error: t(lang, 'public.error.reason') }, 422);
    try {
      await changeStatus(ctx.certificates, actor, number, action, reason, String(req.id ?? '') || null);
    } catch (error) {
      if (!isDomainError(error, 'invalid_state')) throw error;
      return renderCertificatePage(ctx, req, res, number, { action, reason: typed, error: t(lang, 'public.error.stateChanged') }, 409);
    }
    const event = { suspend: 'suspended', reinstate: 'reinstated', revoke: 'revoked' }[action];
    res.redirect(303, `/certificates/${encodeURIComponent(number)}?changed=${event}`);
  });
}

/**
 * Public certificate pages: the certificate page (in the layout, with the three results, clause results, status
 * history and PDF links; regulators allowed by policy also get the suspend / reinstate / revoke forms), its printable
 * document HTML (/certificates/{number}/print?lang=, the same template as the PDF), the short verification URLs that
 * QR codes hold (/v/{number} redirects, the #h= fragment staying in the browser; /v/{number}/customs/{id} shows the
 * customs document's signed shipment facts to compare with the paper).
 */
export function certificatePages(ctx: AppContext): Router {
  const { store, certificates, documents } = ctx;
  const router = Router();
  router.get('/certificates/:number', async function certificatePage(req, res) {
    await renderCertificatePage(ctx, req, res, String(req.params.number));
  });
  router.get('/certificates/:number/print', async function printableCertificate(req, res) {
    const view = await describeCertificate(certificates, req.params.number);
    const issuer = await store.organisations.get(view.certificate.issuerOrgId);
    res.type('html').send(await documents.certificateHtml(view, issuer?.name ?? '', documentLanguageOf(req.query.lang)));
  });
  for (const action of statusActions) statusForm(ctx, router, action);
  // The QR's link serves people and programs: a browser is sent to the certificate page; a client asking for
  // `application/vc+jwt` gets the signed credential itself, one asking for JSON the API's certificate answer.
  router.get('/v/:number', async function verificationLink(req, res) {
    const number = String(req.params.number);
    res.vary('Accept');
    const wanted = req.accepts(['text/html', 'application/vc+jwt', 'application/json']);
    if (wanted === 'application/vc+jwt') {
      const view = await describeCertificate(certificates, number);
      res.type('application/vc+jwt').set('Cache-Control', 'no-cache').send(view.certificate.jws);
      return;
    }
    if (wanted === 'application/json') {
      res.set('Cache-Control', 'no-cache').json(await certificateResponse(certificates, number));
      return;
    }
    res.redirect(302, `/certificates/${encodeURIComponent(number)}`);
  });
  router.get('/v/:number/customs/:id', async function customsVerificationPage(req, res) {
    // Only the unguessable id opens the page: the sequential IRRU-CD number would let anyone list every shipment.
    if (!uuidPattern.test(req.params.id)) throw new DomainError('not_found', `no customs document ${req.params.id}`);
    const view = await describeCustomsDocument(certificates, req.params.number, req.params.id);
    res.type('html').set('Cache-Control', 'no-store').send(await documents.customsHtml(view, documentLanguageOf(req.query.lang)));
  });
  return router;
}
