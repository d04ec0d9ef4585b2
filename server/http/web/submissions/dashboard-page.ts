import { Router } from 'express';
import { authorize } from '../../../domain/policies/index.ts';
import { listSubmissions } from '../../../domain/submissions/queries.ts';
import { submissionStates } from '../../../domain/submissions/workflow.ts';
import type { Actor } from '../../../domain/accounts/actor.ts';
import type { SubmissionStatus } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { summarizeReport } from '../submission-views/index.ts';

const pageSize = 20;

function statusFilter(value: unknown): SubmissionStatus | undefined {
  return submissionStates.includes(value as SubmissionStatus) ? (value as SubmissionStatus) : undefined;
}

/** The vendor's dashboard: their submissions newest first, filtered by status, each with its newest report in one line. */
export function dashboardPage({ store }: AppContext): Router {
  const router = Router();
  router.get('/submissions', requireSignedIn, async function submissionsDashboard(req, res) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.list');
    const status = statusFilter(req.query.status);
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    const page = await listSubmissions(store, actor, { status, after: decodeCursor(cursor), limit: pageSize });
    const rows = await Promise.all(page.items.map(async (submission) => {
      const revision = await store.submissions.getRevision(submission.id, submission.revision);
      return {
        id: submission.id, manufacturer: submission.manufacturer, model: submission.model,
        standard: `${submission.standardCode}@${submission.standardVersion}`, status: submission.status,
        revision: submission.revision, updatedAt: submission.updatedAt,
        jurisdictions: submission.tracks.map((track) => ({ jurisdiction: track.jurisdiction, status: track.status })),
        report: revision ? summarizeReport(revision.report) : null,
      };
    }));
    const next = encodeCursor(page.next);
    renderPage(req, res, 'submissions', {
      title: t(lang, 'vendor.dashboard.title'),
      rows,
      status: status ?? null,
      filters: [
        { status: null, href: '/submissions', current: status === undefined },
        ...submissionStates.map((state) => ({ status: state, href: `/submissions?status=${state}`, current: status === state })),
      ],
      nextHref: next ? `/submissions?${new URLSearchParams({ ...(status ? { status } : {}), cursor: next }).toString()}` : null,
    });
  });
  return router;
}
