import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { referencedSchemas } from '../../../domain/standards/references.ts';
import type { AppContext } from '../../context.ts';
import { presentCatalog, presentStandard } from '../../presenters/standard.ts';
import { categoryName, isKnownCategory } from './category-names.ts';
import { publicJointPublication } from './joint-publication-pages.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { diffPickerFor } from './clause-diff-page.ts';

/** A category as the pages show it: its translated name, or its slug (shown as a code) when the registry has none. */
export function presentCategory(lang: Language, slug: string) {
  return { slug, name: categoryName(lang, slug), known: isKnownCategory(slug) };
}

/** Public pages of the standards catalog: the list, and one version's clauses in the chosen language. */
export function standardsPages({ store, engine, certificates }: AppContext): Router {
  const router = Router();
  router.get('/standards', async function standardsPage(req, res) {
    const lang = res.locals.lang as Language;
    const standards = presentCatalog(await store.standards.list()).map((entry) => ({ ...entry, category: presentCategory(lang, entry.category) }));
    renderPage(req, res, 'standards', { title: t(lang, 'catalog.standards'), standards });
  });
  router.get('/standards/:code/:version', async function standardPage(req, res) {
    const lang = res.locals.lang as Language;
    const record = await store.standards.get(req.params.code, req.params.version);
    if (!record) throw new DomainError('not_found', `no standard ${req.params.code}@${req.params.version}`);
    const clauses = engine.clauseIndex(record.schema, await referencedSchemas(store.standards, record.schema));
    const standard = { ...presentStandard(record), category: presentCategory(lang, record.category) };
    const diffPicker = await diffPickerFor(store.standards, record, res.locals.actor ?? null);
    renderPage(req, res, 'standard', { title: `${record.code} ${record.version}`, standard, clauses, diffPicker, ...(await publicJointPublication({ store, certificates }, record)) });
  });
  return router;
}
