import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { accountPages } from './accounts/account-pages.ts';
import { adminUserPages } from './accounts/admin-user-pages.ts';
import { assetRoutes } from './assets.ts';
import { certificatePages } from './certificates/certificate-pages.ts';
import { customsPages } from './certificates/customs-pages.ts';
import { startPageOf } from './page.ts';
import { registerPages } from './certificates/register-pages.ts';
import { reviewPages } from './review/review-pages.ts';
import { webSession } from './session.ts';
import { signInPages } from './accounts/sign-in-pages.ts';
import { standardsAdminPages } from './standards/standards-admin-pages.ts';
import { clauseTableUploadPages } from './standards/clause-table-upload.ts';
import { clauseDiffPages } from './standards/clause-diff-page.ts';
import { standardsPages } from './standards/standards-pages.ts';
import { statisticsPages } from './review/statistics-pages.ts';
import { vendorPages } from './submissions/index.ts';
import { verificationPages } from './certificates/verification-pages.ts';

/** The handlebars pages people use in a browser: each area's router, behind the session and language resolution. */
export function webRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(assetRoutes());
  router.use(webSession(ctx.store, ctx.config.sessions));
  router.get('/', function startPage(_req, res) {
    res.redirect(302, startPageOf(res.locals.actor));
  });
  router.use(signInPages(ctx));
  router.use(clauseDiffPages(ctx)); // before standardsPages, whose /standards/:code/:version would take "diff" for a version
  router.use(standardsPages(ctx));
  router.use(certificatePages(ctx));
  router.use(accountPages(ctx));
  router.use(adminUserPages(ctx));
  router.use(registerPages(ctx));
  router.use(verificationPages(ctx));
  router.use(customsPages(ctx));
  router.use(reviewPages(ctx));
  router.use(clauseTableUploadPages(ctx)); // before standardsAdminPages, whose /manage/standards/:code/:version would take its template downloads
  router.use(standardsAdminPages(ctx));
  router.use(statisticsPages(ctx));
  router.use(vendorPages(ctx));
  return router;
}
