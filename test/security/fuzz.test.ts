/**
 * Property-based fuzzing of every JSON endpoint (POST/PUT routes with a body schema in the route table): bodies
 * that are anything at all, or a valid body with one member replaced, dropped or joined by a hostile one. For
 * every body: never a 5xx, an answer within the bound, and a refused request changes nothing stored.
 * FUZZ_RUNS sets the runs per endpoint (default 1,000, what CI runs).
 */
import assert from 'node:assert/strict';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { gateOutcome, roles } from '../../server/domain/policies/index.ts';
import type { RouteDef } from '../../server/http/api/route.ts';
import { conformingRadioSpec } from '../fixtures/test-standards.ts';
import { submissionBody } from '../helpers/submissions.ts';
import { routeTable } from './access-control.cases.ts';
import { closeFingerprint, fingerprint, openWorld, type Caller, type World } from './harness.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const answerBoundMs = 5000;

/** A valid body for each body schema; a JSON endpoint without one here fails (add a seed with the route). */
const seeds: Record<string, (w: World) => Record<string, unknown>> = {
  'urn:irru:api:standard-document': () => ({ code: 'FUZZ-STD', version: '1.0.0', category: 'fuzz', title: { en: 'Fuzz', ru: 'Fuzz', fa: 'Fuzz' }, schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:irru:std:FUZZ-STD:1.0.0', type: 'object' } }),
  'urn:irru:api:check-request': () => ({ standard: 'TEST-RADIO', spec: conformingRadioSpec }),
  'urn:irru:api:new-submission': () => submissionBody(),
  'urn:irru:api:submission-revision': () => ({ spec: conformingRadioSpec }),
  'urn:irru:api:decision': () => ({ decision: 'request_changes', comment: 'fuzz' }),
  'urn:irru:api:certificate-status-change': () => ({ reason: 'fuzzing the status change' }),
  'urn:irru:api:customs-document-request': () => ({ importer: 'Fuzz LLC', consignmentReference: 'FZ-1', model: 'EX-5G Pro', quantity: 1, hsCode: '8517.13.00.00' }),
  'urn:irru:api:verify-request': (w) => ({ number: w.certificate.number }),
  'urn:irru:api:new-user': () => ({ email: 'fuzz@example.org', name: 'Fuzz', role: 'vendor', org: 'Fuzz org' }),
  'urn:irru:api:token-request': () => ({ name: 'fuzz' }),
  'urn:irru:api:token-rotation': () => ({ name: 'fuzz' }),
  'urn:irru:api:standard-approval': () => ({ contentHash: 'a'.repeat(64) }),
  'urn:irru:api:transition-plan': () => ({ days: 90 }),
};

/** One request over a kept-alive connection (node:http is lighter than fetch, and the fuzzer sends 13,000). */
function send(agent: Agent, url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent, signal: AbortSignal.timeout(answerBoundMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hostileKeys = ['__proto__', 'constructor', 'prototype', '$where', '$ne', 'status', 'id', 'ownerOrgId', 'role', ''];

/** Bodies: anything, or the seed with one member replaced by anything, removed, or joined by a hostile member. */
function bodies(seed: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(seed);
  const mutated = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...keys), fc.constantFrom(...hostileKeys), fc.anything()).map(([kind, key, hostile, value]) => {
    const body: Record<string, unknown> = { ...seed };
    if (kind === 0) body[key] = value;
    else if (kind === 1) delete body[key];
    else Object.defineProperty(body, hostile, { value, enumerable: true, configurable: true, writable: true });
    return body;
  });
  return fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: fc.anything(), weight: 1 }, { arbitrary: fc.constant(seed), weight: 1 });
}

/** The caller the gate admits (so the body is what gets tested), preferring the role the route is for. */
function callerOf(route: RouteDef): Caller | null {
  if (gateOutcome(route.policy, null) === 'pass') return null;
  return roles.find((role) => gateOutcome(route.policy, role) === 'pass')! as Caller;
}

function pathOf(route: RouteDef, w: World): string {
  return `/api/v1${route.path}`
    .replace('/submissions/{id}', `/submissions/${w.submissionId}`)
    .replace('/users/{id}', `/users/${w.userIds.otherVendor}`)
    .replace('{number}', w.certificate.number);
}

describe('security: fuzzing every JSON endpoint with fast-check', () => {
  let world: World;
  let server: Server;
  let base: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  before(async () => {
    world = await openWorld({ certificates: true });
    server = createServer(world.registry.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  const jsonRoutes = routeTable().filter((route) => route.body && (route.method === 'post' || route.method === 'put'));
  it('when the route table is read, then every JSON endpoint has a seed body', () => {
    assert.ok(jsonRoutes.length >= 10);
    for (const route of jsonRoutes) assert.ok(seeds[route.body!], `no fuzz seed for ${route.method} ${route.path} (${route.body})`);
  });

  for (const route of jsonRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}: ${runs} bodies, never a 5xx or a hang, refusals write nothing`, { timeout: 10 * 60_000 }, async () => {
      const caller = callerOf(route);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(caller ? { authorization: world.auth[caller] } : {}) };
      const url = `${base}${pathOf(route, world)}`;
      await fc.assert(
        fc.asyncProperty(bodies(seeds[route.body!]!(world)), async (body) => {
          const before = fingerprint(world.registry, { countsOnly: true });
          const started = performance.now();
          const res = await send(agent, url, route.method.toUpperCase(), headers, JSON.stringify(body) ?? 'null');
          assert.ok(res.status < 500, `${res.status}: ${res.text.slice(0, 300)}`);
          assert.ok(performance.now() - started < answerBoundMs);
          if (res.status >= 400) {
            assert.match(res.contentType, /problem\+json/);
            assert.deepEqual(fingerprint(world.registry, { countsOnly: true }), before, 'a refused request changed the store');
          }
        }),
        { numRuns: runs },
      );
    });
  }
});
