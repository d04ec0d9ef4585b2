import { collectRegister, registerExportRows } from '../../domain/register/register-export.ts';
import { registerCsv } from '../../domain/register/register-csv.ts';
import { searchRegister } from '../../domain/register/register-search.ts';
import { withConformityOutlook } from '../../domain/standards/transition/conformity-outlook.ts';
import type { AppContext } from '../context.ts';
import { registerLink, registerQueryFrom } from '../register-query.ts';
import type { RouteDef } from './route.ts';

/** The public register: search every certificate, one page at a time, or export a result as CSV. */
export function registerRoutes({ store, certificates }: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/certificates', tag: 'Register', policy: 'register.search', query: 'urn:irru:api:register-query',
      summary: 'Search the public register (full text and filters, newest issued first, cursor paginated)',
      success: { status: 200, description: '{ items, nextCursor, links: { next } }: a page of register entries, each with its status now and the public reason and date of its last status change' },
      handler: async function searchPublicRegister(req, res) {
        const page = await searchRegister(store, registerQueryFrom(req.query), certificates.now());
        const next = page.nextCursor === null ? null : registerLink('/api/v1/certificates', req.query, page.nextCursor);
        res.json({ items: await withConformityOutlook(store, page.items), nextCursor: page.nextCursor, links: { next } });
      },
    },
    {
      method: 'get', path: '/certificates.csv', tag: 'Register', policy: 'register.search', query: 'urn:irru:api:register-query',
      summary: `Export a register search as CSV (UTF-8 with BOM, RFC 4180; at most ${registerExportRows.toLocaleString('en')} rows, X-Truncated: true when cut)`,
      success: { status: 200, description: 'The matching entries, newest issued first, as a CSV attachment', contentType: 'text/csv' },
      handler: async function exportPublicRegister(req, res) {
        const now = certificates.now();
        const { entries, truncated } = await collectRegister(store, registerQueryFrom(req.query), now);
        res.setHeader('Content-Disposition', `attachment; filename="irru-register-${now.toISOString().slice(0, 10)}.csv"`);
        res.setHeader('X-Truncated', String(truncated));
        res.setHeader('X-Row-Limit', String(registerExportRows));
        res.type('text/csv; charset=utf-8').send(registerCsv(await withConformityOutlook(store, entries)));
      },
    },
  ];
}
