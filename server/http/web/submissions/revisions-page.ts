import { Router } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { getSubmission } from '../../../domain/submissions/queries.ts';
import type { RevisionRecord } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { diffRevisions, presentRevisionDiff, summarizeReport } from '../submission-views/index.ts';

/** The revision a query parameter names: absent → the fallback; not one of the revisions → null. */
function revisionNamed(value: unknown, revisions: RevisionRecord[], fallback: RevisionRecord): RevisionRecord | null {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) return null;
  return revisions.find((revision) => revision.number === Number(value)) ?? null;
}

/** Two revisions of a submission side by side: pick them, see each changed field with its old and new value. */
export function revisionsPage({ store }: AppContext): Router {
  const router = Router();
  router.get('/submissions/:id/revisions', requireSignedIn, async function compareRevisions(req, res) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.read');
    const { submission, revisions } = await getSubmission(store, actor, String(req.params.id));
    const latest = revisions[revisions.length - 1]!;
    const from = revisionNamed(req.query.from, revisions, revisions[revisions.length - 2] ?? latest);
    const to = revisionNamed(req.query.to, revisions, latest);
    const errors: Record<string, string> = {};
    if (!from) errors.from = t(lang, 'vendor.error.noSuchRevision');
    if (!to) errors.to = t(lang, 'vendor.error.noSuchRevision');
    const side = (revision: RevisionRecord) => ({ number: revision.number, createdAt: revision.createdAt, specHash: revision.specHash, ...summarizeReport(revision.report) });
    renderPage(req, res, 'submission-revisions', {
      title: t(lang, 'vendor.revisions.title'),
      submission: { id: submission.id, manufacturer: submission.manufacturer, model: submission.model },
      choices: revisions.map((revision) => ({ number: revision.number, fromSelected: revision.number === from?.number, toSelected: revision.number === to?.number })),
      errors,
      from: from ? side(from) : null,
      to: to ? side(to) : null,
      diff: from && to ? presentRevisionDiff(diffRevisions(from.spec, to.spec), lang, { from: from.number, to: to.number }) : null,
    }, from && to ? 200 : 422);
  });
  return router;
}
