import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { readAttachment } from '../../../domain/attachments/upload.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { authorize, reviewQueueScope } from '../../../domain/policies/index.ts';
import { decideSubmission, takeForReview } from '../../../domain/submissions/regulator-actions.ts';
import { reviewQueue } from '../../../domain/submissions/review-queue.ts';
import type { SubmissionContext } from '../../../domain/submissions/submission-context.ts';
import type { Decision, StandardRecord } from '../../../store/port.ts';
import { actingOf } from '../../acting.ts';
import { sendAttachment } from '../../attachment-download.ts';
import type { AppContext } from '../../context.ts';
import { problemStatus } from '../../problem.ts';
import { formPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { nextPageHref, queueStatuses, readQueueFilters } from './review-queue-filters.ts';
import { reviewSubmissionView } from './review-submission-view.ts';
import { requireSignedIn } from '../session.ts';
import { presentCategory } from '../standards/standards-pages.ts';

const pageSize = 20;
const maxComment = 4000;
const decisions: readonly Decision[] = ['approve', 'reject', 'request_changes'];
/** Refusals of a decision that the form explains (the rest are the error page's). */
const explainedRefusals = new Set(['not_conforming', 'not_certifiable', 'inconsistent_submission', 'invalid_state']);

/** The filter choices: every standard code, and every category with its name. */
function filterOptions(lang: Language, standards: readonly StandardRecord[]) {
  const codes = [...new Set(standards.map((record) => record.code))].sort();
  const categories = [...new Set(standards.map((record) => record.category))].sort().map((slug) => presentCategory(lang, slug));
  return { codes, categories, statuses: queueStatuses.map((status) => ({ value: status, label: t(lang, `review.status.${status}`) })) };
}

/**
 * The regulator's review pages: the queue of their jurisdiction (oldest submission first, filtered, paged)
 * and one submission with its report, revisions, attachments and decisions, where they take it into review
 * and decide. Approval issues the certificate through the workflow's hook; the page then links it.
 */
export function reviewPages(ctx: AppContext): Router {
  const router = Router();
  const workflow: SubmissionContext = { store: ctx.store, checks: ctx.checks, hooks: ctx.hooks };

  router.get('/review', requireSignedIn, async function reviewQueuePage(req, res) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'submission.queue');
    const jurisdiction = reviewQueueScope(actor);
    const standards = await ctx.store.standards.list();
    const { form, filters, errors } = readQueueFilters(req, lang, standards, pageSize);
    const base = { title: t(lang, 'review.queue.title'), form, errors: Object.keys(errors).length > 0 ? errors : null, options: filterOptions(lang, standards), jurisdictionName: t(lang, `common.jurisdiction.${jurisdiction}`) };
    if (Object.keys(errors).length > 0) return renderPage(req, res, 'review-queue', { ...base, items: [] }, 400);
    const page = await reviewQueue(ctx.store, actor, filters);
    const orgIds = [...new Set(page.items.map((item) => item.submission.orgId))];
    const orgs = new Map((await Promise.all(orgIds.map((id) => ctx.store.organisations.get(id)))).flatMap((org) => (org ? [[org.id, org.name] as const] : [])));
    const categoryOf = new Map(standards.map((record) => [`${record.code}@${record.version}`, record.category]));
    const items = page.items.map(({ submission, conforms }) => {
      const track = submission.tracks.find((candidate) => candidate.jurisdiction === jurisdiction)!;
      const category = categoryOf.get(`${submission.standardCode}@${submission.standardVersion}`);
      return {
        id: submission.id, href: `/review/${encodeURIComponent(submission.id)}`, manufacturer: submission.manufacturer, model: submission.model,
        vendor: orgs.get(submission.orgId) ?? '', standardCode: submission.standardCode, standardVersion: submission.standardVersion,
        category: category ? presentCategory(lang, category) : null, status: track.status, statusText: t(lang, `review.status.${track.status}`),
        submittedAt: track.submittedAt, revision: submission.revision, conforms,
      };
    });
    const next = page.next ? nextPageHref(form, page.next) : null;
    const paged = filters.after !== undefined;
    renderPage(req, res, 'review-queue', { ...base, items, next, paged, showPaging: Boolean(next) || paged });
  });

  async function renderSubmission(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    const view = await reviewSubmissionView(ctx, actor, lang, String(req.params.id), { from: req.query.compareFrom, to: req.query.compareTo });
    const done = typeof req.query.done === 'string' ? req.query.done : null;
    // The notice reports what the record shows, so a crafted ?done= can never claim a decision that was not made.
    const notice = done === 'taken' && view.track.status === 'under_review' && view.track.reviewerId === actor.userId ? 'review.decision.taken'
      : done && view.track.decision === done && (decisions as readonly string[]).includes(done) ? `review.decision.recorded.${done}` : null;
    renderPage(req, res, 'review-submission', {
      title: `${view.submission.manufacturer} ${view.submission.model}`, view, notice, maxComment, values: { decision: '', comment: '' }, ...extra,
    }, status);
  }

  router.get('/review/:id', requireSignedIn, async function reviewSubmissionPage(req, res) {
    await renderSubmission(req, res);
  });

  router.get('/review/:id/attachments/:attachmentId', requireSignedIn, async function downloadReviewAttachment(req, res) {
    authorize(res.locals.actor as Actor, 'submission.queue');
    const { attachment, bytes } = await readAttachment(ctx.store, res.locals.actor as Actor, String(req.params.id), String(req.params.attachmentId));
    sendAttachment(res, attachment, bytes);
  });

  formPost(router, '/review/:id/take', async function takeSubmissionIntoReview(req, res) {
    const id = String(req.params.id);
    try {
      await takeForReview(workflow, actingOf(req, res), id);
    } catch (error) {
      if (!isDomainError(error, 'invalid_state')) throw error;
      return renderSubmission(req, res, { refusal: { message: t(res.locals.lang as Language, 'review.decision.failed.invalid_state'), detail: error.message } }, 409);
    }
    res.redirect(303, `/review/${encodeURIComponent(id)}?done=taken`);
  });

  formPost(router, '/review/:id/decision', async function recordDecision(req, res) {
    const lang = res.locals.lang as Language;
    const id = String(req.params.id);
    const body = req.body as Record<string, unknown>;
    const decision = typeof body.decision === 'string' ? body.decision : '';
    const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
    const values = { decision, comment };
    const errors: Record<string, string> = {};
    if (!(decisions as readonly string[]).includes(decision)) errors.decision = t(lang, 'review.decision.choose');
    if (comment.length > maxComment) errors.comment = t(lang, 'review.decision.commentTooLong', { max: maxComment });
    else if (!comment && (decision === 'reject' || decision === 'request_changes')) errors.comment = t(lang, 'review.decision.commentRequired');
    if (Object.keys(errors).length > 0) return renderSubmission(req, res, { errors, values }, 422);
    try {
      await decideSubmission(workflow, actingOf(req, res), id, { decision: decision as Decision, ...(comment ? { comment } : {}) });
    } catch (error) {
      if (!isDomainError(error) || !explainedRefusals.has(error.code)) throw error;
      return renderSubmission(req, res, { values, refusal: { message: t(lang, `review.decision.failed.${error.code}`), detail: error.message } }, problemStatus[error.code].status);
    }
    res.redirect(303, `/review/${encodeURIComponent(id)}?done=${decision}`);
  });

  return router;
}
