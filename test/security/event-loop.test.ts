import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pollHealth, type HealthSample } from '../helpers/health-poller.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import {
  bandsSpec, containsComplex, containsSpec, manyAnyOf, nestedAnyOfInline, nestedAnyOfSpec, nestedAnyOfStandard, uniqueObjects, uniqueObjectsSpec,
} from './worst-cases.ts';

const budgetMs = 500;
const compileBudgetMs = 3000;
/** A fresh worker's start-up (a few seconds on a loaded machine) comes on top of the compile and check budgets. */
const answerWithinMs = compileBudgetMs + budgetMs + 4000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outcome = (body: Record<string, unknown>) => String(body.type).startsWith('urn:irru:problem:') ? String(body.code) : body.bytes ? `answer of ${String(body.bytes)} bytes` : 'answer';

describe('bounded work per request: /healthz answers within 100 ms while the worst cases are checked', () => {
  let registry: TestRegistry;
  let server: Server;
  let base: string;
  let vendor: string;
  let regulator: string;

  const post = async (path: string, auth: string, payload: string) => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: payload });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const ended = performance.now();
    // The client shares the server's event loop: a large report is measured, not parsed.
    const body = bytes.length < 100_000 ? JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> : { bytes: bytes.length };
    return { status: res.status, body, ms: ended - started, started, ended };
  };
  const publish = async (doc: { code: string; version: string }) => {
    const uploaded = await post('/api/v1/standards', regulator, JSON.stringify(doc));
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal((await post(`/api/v1/standards/${doc.code}/${doc.version}/publish`, regulator, '{}')).status, 200);
  };

  before(async () => {
    registry = await startRegistry({ shipped: true, env: { CHECK_WORKERS: '1', CHECK_TIME_BUDGET_MS: String(budgetMs), CHECK_COMPILE_BUDGET_MS: String(compileBudgetMs) } });
    server = registry.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    vendor = (await registry.login('vendor')).auth;
    regulator = (await registry.login('regulator')).auth;
    for (const doc of [uniqueObjects, containsComplex, nestedAnyOfStandard]) await publish(doc);
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await registry.close();
  });

  const cases: { name: string; path: string; body: () => unknown; accept: number[] }[] = [
    { name: 'IRRU-UE with 20,000 LTE bands', path: '/api/v1/checks', body: () => ({ standard: 'IRRU-UE', spec: bandsSpec(20_000) }), accept: [200, 422] },
    { name: 'IRRU-UE with 60,000 LTE bands', path: '/api/v1/checks', body: () => ({ standard: 'IRRU-UE', spec: bandsSpec(60_000) }), accept: [200, 422] },
    { name: 'a submission of IRRU-UE with 20,000 LTE bands', path: '/api/v1/submissions', body: () => ({ standard: 'IRRU-UE', jurisdictions: ['IR'], spec: bandsSpec(20_000) }), accept: [201, 422] },
    { name: 'uniqueItems over 20,000 objects', path: '/api/v1/checks', body: () => ({ standard: 'TEST-UNIQUE', spec: uniqueObjectsSpec }), accept: [200, 422] },
    { name: 'contains over 20,000 items with a complex subschema', path: '/api/v1/checks', body: () => ({ standard: 'TEST-CONTAINS', spec: containsSpec }), accept: [200, 422] },
    { name: 'anyOf nested 10 deep over 20,000 values', path: '/api/v1/checks', body: () => ({ standard: 'TEST-ANYOF', spec: nestedAnyOfSpec }), accept: [200, 422] },
    { name: 'an upload of anyOf nested 10 deep, written out', path: '/api/v1/standards', body: () => nestedAnyOfInline, accept: [201, 422] },
    { name: 'an upload of 7,778 anyOf under unevaluatedProperties', path: '/api/v1/standards', body: () => manyAnyOf, accept: [413, 422] },
  ];

  it('when every worst case is sent in turn, then each gets a clear answer within its budget and /healthz never waits 100 ms', async () => {
    const bodies = cases.map((c) => JSON.stringify(c.body()));
    const health = pollHealth(base);
    const answers = [];
    for (const [i, c] of cases.entries()) {
      const answer = await post(c.path, c.path === '/api/v1/standards' ? regulator : vendor, bodies[i]!);
      answers.push({ ...c, ...answer });
    }
    await sleep(100);
    await health.stop();
    // The /healthz answers whose requests overlapped a case: what that case cost the event loop.
    const during = (a: { started: number; ended: number }) => health.samples.filter((h: HealthSample) => h.at + h.ms >= a.started && h.at <= a.ended);
    const slowest = (a: { started: number; ended: number }, key: 'ms' | 'blockedMs') => Math.round(Math.max(0, ...during(a).map((h) => h[key])));
    console.log(answers.map((a) => `${a.name}: ${a.status} ${outcome(a.body)} in ${Math.round(a.ms)} ms; /healthz slowest ${slowest(a, 'blockedMs')} ms blocked (${slowest(a, 'ms')} ms wall)`).join('\n'));
    assert.ok(health.samples.length > 50, `only ${health.samples.length} health answers`);
    for (const answer of answers) {
      assert.ok(answer.accept.includes(answer.status), `${answer.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      if (answer.body.code === 'check_too_expensive') assert.equal(answer.body.limit, 'time', answer.name);
      assert.ok(answer.ms < answerWithinMs, `${answer.name} took ${Math.round(answer.ms)} ms`);
      assert.ok(slowest(answer, 'blockedMs') < 100, `${answer.name}: /healthz was blocked ${slowest(answer, 'blockedMs')} ms`);
    }
  });
});
