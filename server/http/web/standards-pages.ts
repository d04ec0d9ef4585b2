import { Router } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { referencedSchemas } from '../../domain/standards/references.ts';
import type { AppContext } from '../context.ts';
import { presentCatalog, presentStandard } from '../presenters/standard.ts';
import { languageOf } from './languages.ts';
import type { createPageRenderer } from './views.ts';

/** Public pages of the standards catalog: the list, and one version's clauses in the chosen language. */
export function standardsPages({ store, engine }: AppContext, renderPage: ReturnType<typeof createPageRenderer>): Router {
  const router = Router();
  router.get('/standards', async function standardsPage(req, res) {
    const standards = presentCatalog(await store.standards.list());
    const lang = languageOf(req.query.lang);
    res.type('html').send(renderPage('standards', lang, { pageTitle: 'Standards', standards }));
  });
  router.get('/standards/:code/:version', async function standardPage(req, res) {
    const record = await store.standards.get(req.params.code, req.params.version);
    if (!record) throw new DomainError('not_found', `no standard ${req.params.code}@${req.params.version}`);
    const clauses = engine.clauseIndex(record.schema, await referencedSchemas(store.standards, record.schema));
    const lang = languageOf(req.query.lang);
    res.type('html').send(renderPage('standard', lang, { pageTitle: `${record.code} ${record.version}`, standard: presentStandard(record), clauses }));
  });
  return router;
}
