import { DomainError } from '../../domain/errors.ts';
import { readImpact } from '../../domain/standards/impact/impact-result.ts';
import { runImpact } from '../../domain/standards/impact/impact-run.ts';
import { planTransition, transitionOf } from '../../domain/standards/transition/transition-period.ts';
import { requestIdOf } from '../acting.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import type { RouteDef } from './route.ts';

/** Impact analysis of a draft (regulators) and the transition period of a version. */
export function standardImpactRoutes({ store, checks, config, certificates }: AppContext): RouteDef[] {
  const tag = 'Standards';
  return [
    {
      method: 'post', path: '/standards/{code}/{version}/impact', tag, policy: 'standard.impact.run',
      summary: 'Re-check every certified product of the code against a draft and store the result with it',
      success: { status: 200, description: 'The stored result: totals, clauses with the number of certificates that would fail each, failing certificates' },
      handler: async function runStandardImpact(req, res) {
        const code = String(req.params.code);
        const version = String(req.params.version);
        await runImpact({ store, checks }, actorOf(res), code, version, { now: () => certificates.now(), requestId: requestIdOf(req) });
        res.json(await readImpact(store, actorOf(res), code, version));
      },
    },
    {
      method: 'get', path: '/standards/{code}/{version}/impact', tag, policy: 'standard.impact.read',
      summary: 'The stored impact result of a version (outdated when the draft changed since)',
      success: { status: 200, description: 'The stored result; run is null when none was run' },
      handler: async function getStandardImpact(req, res) {
        res.json(await readImpact(store, actorOf(res), String(req.params.code), String(req.params.version)));
      },
    },
    {
      method: 'put', path: '/standards/{code}/{version}/transition', tag, policy: 'standard.transition.plan', body: 'urn:irru:api:transition-plan',
      summary: 'Set the transition period a draft gets when it is published',
      success: { status: 200, description: 'The version’s transition' },
      handler: async function planStandardTransition(req, res) {
        const code = String(req.params.code);
        const version = String(req.params.version);
        await planTransition(store, actorOf(res), code, version, (req.body as { days: number }).days, requestIdOf(req));
        res.json(await transitionOf(store, code, version, config.transitionDays));
      },
    },
    {
      method: 'get', path: '/standards/{code}/{version}/transition', tag, policy: 'standard.read',
      summary: 'The transition period of a version: planned, or recorded at publication with its end',
      success: { status: 200, description: 'days, planned, publishedAt, endsAt, supersedes' },
      handler: async function getStandardTransition(req, res) {
        const code = String(req.params.code);
        const version = String(req.params.version);
        if (!(await store.standards.get(code, version))) throw new DomainError('not_found', `no standard ${code}@${version}`);
        res.json(await transitionOf(store, code, version, config.transitionDays));
      },
    },
  ];
}
