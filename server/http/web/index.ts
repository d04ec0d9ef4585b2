import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { certificatePages } from './certificate-pages.ts';
import { standardsPages } from './standards-pages.ts';
import { createPageRenderer } from './views.ts';

/** The handlebars pages people read in a browser. */
export function webRouter(ctx: AppContext): Router {
  const router = Router();
  const renderPage = createPageRenderer();
  router.get('/', function home(_req, res) {
    res.redirect(302, '/standards');
  });
  router.use(standardsPages(ctx, renderPage));
  router.use(certificatePages(ctx));
  return router;
}
