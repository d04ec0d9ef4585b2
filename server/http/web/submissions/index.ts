import { Router } from 'express';
import type { AppContext } from '../../context.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { dashboardPage } from './dashboard-page.ts';
import { myCertificatesPage } from './my-certificates-page.ts';
import { newSubmissionPages } from './new-submission-pages.ts';
import { revisionsPage } from './revisions-page.ts';
import { submissionActions } from './submission-actions.ts';

/**
 * The vendor's pages: the dashboard (/submissions), a new submission from the form generated from the standard's
 * schema or a spec file (/submissions/new), one submission with its clause matrix, edit and re-check, submit for
 * review, attachments (/submissions/:id…), two revisions side by side (/submissions/:id/revisions), and the
 * organisation's certificates with their PDFs (/my-certificates).
 */
export function vendorPages(ctx: AppContext): Router {
  const router = Router();
  router.use(dashboardPage(ctx));
  // Before /submissions/:id, so "new" is never taken for an id.
  router.use(newSubmissionPages(ctx));
  router.use(revisionsPage(ctx));
  router.use(attachmentRoutes(ctx));
  router.use(submissionActions(ctx));
  router.use(myCertificatesPage(ctx));
  return router;
}
