import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { getSubmission } from '../../../domain/submissions/queries.ts';
import { reviseSubmission } from '../../../domain/submissions/revise.ts';
import type { SubmissionContext } from '../../../domain/submissions/submission-context.ts';
import { submitSubmission, withdrawSubmission } from '../../../domain/submissions/vendor-actions.ts';
import { validateInput } from '../../../input-schemas.ts';
import { actingOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { formPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { readForm } from '../schema-form/index.ts';
import { requireSignedIn } from '../session.ts';
import { formErrorsOf } from './form-errors.ts';
import { standardFormOf } from './standard-forms.ts';
import { renderSubmissionPage } from './submission-page.ts';

const idOf = (req: Request) => String(req.params.id);
const pageOf = (id: string, done: string) => `/submissions/${encodeURIComponent(id)}?done=${done}`;

/** The revision number the edit form was made from (If-Match of the API): a form from an older revision is refused, never applied over a newer one. */
function expectedRevision(value: unknown): number {
  return typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : -1;
}

/**
 * The submission page and what a vendor does on it: edit and re-check (a new revision, checked in the worker
 * pool), submit for review, withdraw. Each action redirects back to the page (303) with a notice; a refusal
 * re-shows the page with the reason, and the edit form keeps what was typed.
 */
export function submissionActions(ctx: AppContext): Router {
  const submissions: SubmissionContext = { store: ctx.store, checks: ctx.checks, hooks: ctx.hooks };
  const router = Router();

  router.get('/submissions/:id', requireSignedIn, async function submissionPage(req, res) {
    authorize(res.locals.actor as Actor, 'submission.read');
    await renderSubmissionPage(ctx, req, res, idOf(req));
  });

  formPost(router, '/submissions/:id/revise', async function reviseAndRecheck(req: Request, res: Response) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.revise');
    const { submission } = await getSubmission(ctx.store, actor, idOf(req));
    const record = await ctx.store.standards.get(submission.standardCode, submission.standardVersion);
    if (!record) throw new DomainError('not_found', `no standard ${submission.standardCode}@${submission.standardVersion}`);
    const standard = await standardFormOf(ctx.store.standards, ctx.engine, record);
    const body = req.body as Record<string, unknown>;
    const reading = readForm(standard.form, body, lang);
    const form = { values: reading.spec, typed: reading.typed, errors: reading.errors, formErrors: reading.formErrors };
    if (reading.action.kind !== 'check') {
      return renderSubmissionPage(ctx, req, res, submission.id, { form: { ...form, addRowTo: reading.action.kind === 'add' ? reading.action.pointer : null } });
    }
    if (reading.errors.size > 0 || reading.formErrors.length > 0) return renderSubmissionPage(ctx, req, res, submission.id, { form }, 422);
    try {
      const input = validateInput<{ spec: unknown }>('urn:irru:api:submission-revision', { spec: reading.spec });
      await reviseSubmission(submissions, actingOf(req, res), submission.id, input, expectedRevision(body.revision));
      res.redirect(303, `${pageOf(submission.id, 'revised')}#clause-matrix-heading`);
    } catch (error) {
      const refused = formErrorsOf(error, lang);
      await renderSubmissionPage(ctx, req, res, submission.id, { form: { ...form, errors: new Map([...reading.errors, ...refused.fields]), formErrors: refused.form } }, 422);
    }
  });

  for (const action of ['submit', 'withdraw'] as const) {
    formPost(router, `/submissions/:id/${action}`, async function moveSubmission(req: Request, res: Response) {
      const lang = res.locals.lang as Language;
      const actor = res.locals.actor as Actor;
      authorize(actor, `submission.${action}`);
      // A submission the actor may not see is the 404 page, before anything is tried.
      const id = (await getSubmission(ctx.store, actor, idOf(req))).submission.id;
      try {
        await (action === 'submit' ? submitSubmission : withdrawSubmission)(submissions, actingOf(req, res), id);
        res.redirect(303, pageOf(id, action === 'submit' ? 'submitted' : 'withdrawn'));
      } catch (error) {
        const refused = formErrorsOf(error, lang);
        const reason = [...refused.form, ...refused.fields.values()].join(' ');
        await renderSubmissionPage(ctx, req, res, id, { actionError: reason }, 409);
      }
    });
  }
  return router;
}
