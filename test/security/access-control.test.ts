import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { actions, gateOf } from '../../server/domain/policies/index.ts';
import { accessControlCases, routeTable } from './access-control.cases.ts';
import { runCase, useWorld } from './harness.ts';

describe('security: access control, every route × every caller', () => {
  const world = useWorld({}, async (w) => {
    // The log key is made on the first checkpoint; made here, so a public read writes nothing later.
    await request(w.registry.app).get('/api/v1/log/checkpoint').expect(200);
  });

  const routes = routeTable();
  it('when the route table is read, then every route names an action with a rule', () => {
    for (const route of routes) {
      assert.ok((actions as readonly string[]).includes(route.policy), `${route.method} ${route.path}: no rule for "${route.policy}"`);
      assert.ok(gateOf(route.policy), `${route.method} ${route.path}: no gate`);
    }
  });

  for (const c of accessControlCases(routes)) it(c.name, () => runCase(world(), c).then(() => undefined));
});
