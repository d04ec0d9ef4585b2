import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { viewsDir } from './views.ts';

const stylesheet = readFileSync(join(viewsDir, 'styles', 'registry.css'));

/** Changes whenever the stylesheet does: pages link `/assets/registry.css?v=<version>`, so browsers may keep it a year. */
export const assetVersion = createHash('sha256').update(stylesheet).digest('hex').slice(0, 12);

/**
 * The one stylesheet, served from the registry itself (the content security policy allows only 'self'): a
 * border post on a slow link downloads it once, not with every page.
 */
export function assetRoutes(): Router {
  const router = Router();
  router.get('/assets/registry.css', function stylesheetAsset(req, res) {
    res.set('Cache-Control', req.query.v === assetVersion ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    res.type('text/css; charset=utf-8').send(stylesheet);
  });
  return router;
}
