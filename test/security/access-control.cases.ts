/**
 * Access control from the route table: every API route × every caller (anonymous, a broken token, each role).
 * The expected gate comes from the policy (`gateOutcome`), so a new route is covered the day it is added, and a
 * route whose action has no rule fails.
 */
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.ts';
import { actions, gateOutcome, roles, type Action } from '../../server/domain/policies/index.ts';
import type { AppContext } from '../../server/http/context.ts';
import { apiRoutes } from '../../server/http/api/index.ts';
import { type RouteDef } from '../../server/http/api/route.ts';
import type { Role } from '../../server/store/port.ts';
import type { Caller, SecurityCase } from './harness.ts';
import { as } from './harness.ts';

/** The route table as the app builds it (handlers are never called here: the context is a stand-in). */
export function routeTable(): RouteDef[] {
  const config = loadConfig({ REGISTRY_DATA_DIR: '/nonexistent/irru-security', LOG_LEVEL: 'silent' });
  return apiRoutes({ config, store: {}, engine: {}, log: pino({ level: 'silent' }), certificates: {}, documents: {} } as unknown as AppContext);
}

/** Path parameters that name nothing: the gate is decided before anything is read. */
const placeholders: Record<string, string> = {
  code: 'NO-SUCH-STANDARD', version: '9.9.9', id: '00000000-0000-4000-8000-000000000000', attachmentId: '00000000-0000-4000-8000-000000000001',
  number: 'IRRU-IR-2026-999999-0', size: '999999',
};

/** A concrete URL of a route, its parameters filled with placeholders. */
export function concretePath(route: RouteDef): string {
  return `/api/v1${route.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => {
    assert.ok(placeholders[name], `no placeholder for path parameter {${name}} of ${route.path}`);
    return placeholders[name]!;
  })}`;
}

type Who = Role | 'anonymous' | 'broken-token';
const callers: readonly Who[] = ['anonymous', 'broken-token', ...roles];

/** The expected gate answer of a caller on a route's action. */
function expectedGate(action: Action, who: Who): 'pass' | 'unauthenticated' | 'forbidden' {
  if (who === 'broken-token') return 'unauthenticated';
  return gateOutcome(action, who === 'anonymous' ? null : who);
}

/** One case per route × caller. */
export function accessControlCases(routes: RouteDef[]): SecurityCase[] {
  return routes.flatMap((route) => callers.map((who): SecurityCase => {
    const name = `${route.method.toUpperCase()} ${route.path} as ${who}`;
    // A route whose action has no rule: the case itself fails, naming it.
    const known = (actions as readonly string[]).includes(route.policy);
    const outcome = known ? expectedGate(route.policy, who) : null;
    return {
      name: `${name}: ${outcome ?? 'NO POLICY RULE'}`,
      expect: outcome === 'pass' ? { status: 'past-gate' } : outcome === 'unauthenticated' ? { status: 401, code: 'unauthenticated' } : { status: 403, code: 'forbidden' },
      send(world) {
        assert.ok(known, `${name}: its action "${route.policy}" has no policy rule`);
        const caller: Caller | null = who === 'anonymous' || who === 'broken-token' ? null : who;
        // A user's own token list is the one record every signed-in caller may read: the gate is what is tested.
        const ownTokens = route.method === 'get' && route.path === '/users/{id}/tokens' && caller;
        let test = as(world, caller)[route.method](ownTokens ? `/api/v1/users/${world.userIds[caller]}/tokens` : concretePath(route));
        if (who === 'broken-token') test = test.set('Authorization', 'Bearer not-a-real-token');
        return route.body ? test.send({}) : test;
      },
    };
  }));
}


