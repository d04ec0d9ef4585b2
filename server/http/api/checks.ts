import { checkableStandard, resolveCheckableStandard } from '../../domain/standards/lookup.ts';
import type { AppContext } from '../context.ts';
import type { RouteDef } from './route.ts';

interface CheckRequest {
  standard: string;
  version?: string;
  spec: unknown;
}

/** Dry-run conformance checks: the same report a submission gets, with nothing stored. */
export function checksRoutes({ store, checks }: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/checks', tag: 'Conformance', policy: 'conformance.check', summary: 'Check a spec against a published standard',
      body: 'urn:irru:api:check-request',
      success: { status: 200, description: 'The conformance report' },
      handler: async function checkSpec(req, res) {
        const { standard, version, spec } = req.body as CheckRequest;
        const record = await resolveCheckableStandard(store, standard, version);
        res.json(await checks.check(checkableStandard(store, record), spec));
      },
    },
  ];
}
