import type { Actor } from '../../domain/accounts/actor.ts';
import { compareVersions } from '../../domain/standards/clause-diff/compare-versions.ts';
import type { StandardReader } from '../../store/port.ts';
import type { RouteDef } from './route.ts';

/** The clause-level diff of two versions of a standard: public for published versions, drafts for those who manage standards. */
export function standardDiffRoutes(store: { standards: StandardReader }): RouteDef[] {
  return [
    {
      method: 'get', path: '/standards/{code}/diff', tag: 'Standards', policy: 'standard.read', query: 'urn:irru:api:standard-diff-query',
      summary: 'Clauses added, removed and changed between two versions (from the clause index, not the text)',
      success: { status: 200, description: 'The clause-level diff: added and removed clauses with their rules, changed clauses with old and new values' },
      handler: async function diffStandardVersions(req, res) {
        const actor = (res.locals.actor as Actor | undefined) ?? null;
        const { from, to } = req.query as { from: string; to: string };
        res.json(await compareVersions(store.standards, actor, String(req.params.code), from, to));
      },
    },
  ];
}
