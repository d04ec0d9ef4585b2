/**
 * Schema safety: untrusted standards can neither break the registry nor be wrongly refused. Reserved and foreign
 * `$id`s, regexes RE2 cannot run, over-limit schemas and the expensive shapes of the issue are refused with a
 * 4xx (and write nothing); linear regexes that regulators write, `$dynamicRef` and small specs keep working,
 * and no request blocks the event loop beyond its bound.
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Response } from 'supertest';
import { conformingRadioSpec, radioDocument } from '../fixtures/test-standards.ts';
import { smartphoneSpec } from '../helpers/certificates.ts';
import { as, type SecurityCase, type World } from './harness.ts';

const title = (en: string) => ({ en, ru: `${en} (ru)`, fa: `${en} (fa)` });
const metaSchema = 'https://json-schema.org/draft/2020-12/schema';
const refused = { status: 422, code: 'invalid_schema' } as const;
/** The contract's bound on how long one request may hold the event loop. */
export const eventLoopBoundMs = 100;

/** A standard document around `schema` (its $id defaults to the test namespace the fixtures use). */
export function standardDoc(code: string, schema: Record<string, unknown>, version = '1.0.0') {
  return { code, version, category: 'security-test', title: title(code), schema: { $schema: metaSchema, $id: `urn:irru:std:${code}:${version}`, ...schema } };
}

const upload = (doc: object) => (w: World) => as(w, 'regulator').post('/api/v1/standards').send(doc);
const clause = (n: string, schema: Record<string, unknown>) => ({ 'x-clause': n, 'x-title': title(`Clause ${n}`), ...schema });

function refusedUpload(name: string, schema: Record<string, unknown>, expect: SecurityCase['expect'] = refused): SecurityCase {
  const code = `SEC-${name.replace(/[^A-Za-z0-9]+/g, '-').toUpperCase().slice(0, 30).replace(/-+$/, '')}`;
  return { name: `when a standard ${name}, then it is refused`, send: upload(standardDoc(code, schema)), expect };
}

/** Runs `send` while sampling the event loop: the worst delay must stay within the bound. */
function bounded(send: SecurityCase['send']): SecurityCase['send'] {
  return async (w) => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    try {
      return await send(w);
    } finally {
      histogram.disable();
      const worstMs = histogram.max / 1e6;
      assert.ok(worstMs <= eventLoopBoundMs + 10, `the event loop was blocked ${worstMs.toFixed(0)} ms (bound ${eventLoopBoundMs} ms)`);
    }
  };
}

/** Uploads and publishes a standard (as the regulator), then sends `then`: for the cases whose standard must be accepted. */
function publishedThen(doc: ReturnType<typeof standardDoc>, then: (w: World) => PromiseLike<Response>): SecurityCase['send'] {
  return async (w) => {
    const uploaded = await as(w, 'regulator').post('/api/v1/standards').send(doc);
    assert.equal(uploaded.status, 201, `${doc.code} must be accepted: ${JSON.stringify(uploaded.body)}`);
    await as(w, 'regulator').post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).expect(200);
    return then(w);
  };
}

/** A dry-run check; the body is serialised when the table is built, so the client's own work is not timed as the server's. */
function check(standard: string, spec: unknown) {
  const body = JSON.stringify({ standard, spec });
  return (w: World) => as(w, 'vendor').post('/api/v1/checks').set('Content-Type', 'application/json').send(body);
}
const tooExpensive = { status: [413, 422], code: ['check_too_expensive', 'payload_too_large'] } as const;

function nested(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < depth; i += 1) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

/** The 0.9 MB schema: thousands of anyOf properties under unevaluatedProperties: false. */
function anyOfExplosion(count: number): Record<string, unknown> {
  const properties = Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, { anyOf: [{ type: 'string' }, { type: 'integer' }] }]));
  return { type: 'object', anyOf: [{ properties }, { required: ['x'] }], unevaluatedProperties: false };
}

const quadratic = standardDoc('SEC-QUADRATIC', {
  type: 'object',
  properties: {
    unique: clause('1.1', { type: 'array', uniqueItems: true, items: { $ref: '#/$defs/item' } }),
    contains: clause('1.2', { type: 'array', contains: { type: 'object', required: ['k'], properties: { k: { const: 'needle' } } }, minContains: 2 }),
    nestedAnyOf: clause('1.3', { $ref: '#/$defs/tree' }),
  },
  $defs: {
    item: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } } },
    tree: { anyOf: [{ type: 'integer' }, { type: 'array', items: { $ref: '#/$defs/tree' } }, { type: 'object', additionalProperties: { $ref: '#/$defs/tree' } }] },
  },
});

function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value, value];
  return value;
}

const bands = (n: number) => ({ ...smartphoneSpec, radio: { ...(smartphoneSpec.radio as object), lte: { ...((smartphoneSpec.radio as { lte?: object }).lte ?? {}), bands: Array.from({ length: n }, (_, i) => i + 1) } } });

export const schemaSafetyCases: SecurityCase[] = [
  // Reserved identifiers and the namespace.
  refusedUpload('claims the draft 2020-12 meta-schema $id (with "not": {})', { $id: metaSchema, not: {} }),
  refusedUpload('claims the draft-07 meta-schema $id', { $id: 'http://json-schema.org/draft-07/schema#', type: 'object' }),
  refusedUpload('claims a 2020-12 vocabulary meta-schema $id', { $id: 'https://json-schema.org/draft/2020-12/meta/core', type: 'object' }),
  refusedUpload('claims the registry\'s own API schema urn:irru:api:new-submission', { $id: 'urn:irru:api:new-submission', type: 'object' }),
  refusedUpload('claims the registry\'s common schema urn:irru:common:identifier', { $id: 'urn:irru:common:identifier', type: 'string' }),
  refusedUpload('hides the meta-schema $id in a $defs subschema', { type: 'object', $defs: { evil: { $id: metaSchema, not: {} } } }),
  refusedUpload('hides an API schema $id in a $defs subschema', { type: 'object', $defs: { evil: { $id: 'urn:irru:api:check-request', not: {} } } }),
  refusedUpload('uses an $id outside the registry\'s namespace', { $id: 'https://evil.example/standards/x', type: 'object' }),
  refusedUpload('claims the $id of another authority\'s published standard', { $id: radioDocument().schema.$id, type: 'object' }, { status: [409, 422], code: ['conflict', 'invalid_schema'] }),
  // Regular expressions RE2 cannot run, and malformed ones.
  refusedUpload('has a back-reference in a pattern', { type: 'string', pattern: '^(a+)\\1$' }),
  refusedUpload('has a look-ahead in a pattern', { type: 'string', pattern: '^(?=.*[0-9])[A-Z0-9]+$' }),
  refusedUpload('has a look-behind in a pattern', { type: 'string', pattern: '(?<=EX-)[0-9]+' }),
  refusedUpload('has a back-reference in a patternProperties key', { type: 'object', patternProperties: { '^(x)\\1$': { type: 'string' } } }),
  refusedUpload('has a pattern that is not a regular expression', { type: 'string', pattern: '([a-z' }),
  refusedUpload('has a pattern longer than the limit', { type: 'string', pattern: `^${'a?'.repeat(800)}$` }),
  // Strictness and references.
  refusedUpload('uses an unknown keyword (strict mode)', { type: 'object', maximumPower: 23 }),
  refusedUpload('uses an unknown format', { type: 'string', format: 'iran-postcode' }),
  refusedUpload('references a schema over the network', { type: 'object', properties: { a: { $ref: 'https://evil.example/schema.json' } } }),
  refusedUpload('references a standard that does not exist', { type: 'object', properties: { a: { $ref: 'urn:irru:std:NO-SUCH:1.0.0' } } }),
  refusedUpload('declares the draft-04 dialect', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }, { status: [400, 422], code: ['validation_failed', 'invalid_schema'] }),
  refusedUpload('nests properties 60 levels deep', nested(60)),
  {
    name: 'when a standard of 7,000 anyOf properties under unevaluatedProperties: false is uploaded, then it is refused without blocking the event loop',
    send: bounded(upload(standardDoc('SEC-ANYOF-BOMB', anyOfExplosion(7000)))), expect: { status: [413, 422], code: ['invalid_schema', 'check_too_expensive', 'payload_too_large'] },
  },
  { name: 'when a standard document is over 1 MiB, then 413', send: upload(standardDoc('SEC-HUGE', { type: 'object', description: 'x'.repeat(1100 * 1024) })), expect: { status: 413, code: 'payload_too_large' } },
  { name: 'when a standard code is a path traversal, then 400', send: upload({ ...standardDoc('SEC-TRAVERSAL', { type: 'object' }), code: '../../etc/passwd' }), expect: { status: 400, code: 'validation_failed' } },
  { name: 'when a standard\'s schema is an array, then 400', send: upload({ ...standardDoc('SEC-ARRAY', {}), schema: [{ type: 'object' }] }), expect: { status: 400, code: 'validation_failed' } },
  // Isolation: after the hijack attempts above, other standards still check.
  {
    name: 'when the meta-schema hijacks have been tried, then a check against TEST-RADIO still conforms', send: check('TEST-RADIO', conformingRadioSpec), expect: { status: 200 },
    then: (res) => assert.equal(res.body.conforms, true, JSON.stringify(res.body).slice(0, 300)),
  },
  // Expensive checks: bounded, never blocking.
  {
    name: 'when IRRU-UE is checked with 20,000 LTE bands (quadratic uniqueItems), then a bounded report or a 4xx naming the budget, event loop free',
    send: bounded(check('IRRU-UE', bands(20_000))), expect: { status: [200, ...tooExpensive.status], code: tooExpensive.code },
    then: (res) => assert.ok(res.text.length < 2 * 1024 * 1024, `the report is ${res.text.length} bytes`),
  },
  {
    name: 'when IRRU-UE is checked with 60,000 LTE bands, then a bounded report or a 4xx naming the budget, event loop free',
    send: bounded(check('IRRU-UE', bands(60_000))), expect: { status: [200, ...tooExpensive.status], code: tooExpensive.code },
    then: (res) => assert.ok(res.text.length < 2 * 1024 * 1024 && (res.status !== 200 || res.body.findings.length <= 1000), `the report is ${res.text.length} bytes`),
  },
  {
    name: 'when uniqueItems over $ref objects meets 20,000 items, then a 4xx naming the budget or a report, event loop free',
    send: bounded(publishedThen(quadratic, check('SEC-QUADRATIC', { unique: Array.from({ length: 20_000 }, (_, i) => ({ a: i % 2, b: 'x' })) }))),
    expect: { status: [200, 413, 422], code: ['check_too_expensive', 'payload_too_large'] }, writes: 'allowed',
  },
  { name: 'when contains meets 50,000 near-misses, then a 4xx naming the budget or a report, event loop free', send: bounded(check('SEC-QUADRATIC', { contains: Array.from({ length: 50_000 }, () => ({ k: 'needles' })) })), expect: { status: [200, 413, 422], code: ['check_too_expensive', 'payload_too_large'] } },
  { name: 'when nested anyOf meets a 2^16-leaf tree, then a 4xx naming the limit or a report, event loop free', send: bounded(check('SEC-QUADRATIC', { nestedAnyOf: deepArray(16) })), expect: { status: [200, 413, 422], code: ['check_too_expensive', 'payload_too_large'] } },
  { name: 'when a spec nests 10,000 arrays, then a 4xx naming the depth limit, event loop free', send: bounded((w) => as(w, 'vendor').post('/api/v1/checks').set('Content-Type', 'application/json').send(`{"standard":"TEST-RADIO","spec":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)), expect: { status: [400, 413, 422], code: ['validation_failed', 'check_too_expensive', 'payload_too_large'] } },
  { name: 'when a check names a standard that is only a draft, then 404', send: check('SEC-NEVER-PUBLISHED', {}), expect: { status: [404, 409], code: ['not_found', 'invalid_state'] } },
  // Linear regexes: accepted, and fast on the inputs that used to take seconds.
  {
    name: 'when a standard uses ^(a|a)*$, then it is accepted and a 31-character near-match checks at once',
    send: bounded(publishedThen(standardDoc('SEC-REDOS-ALT', { type: 'object', properties: { s: clause('1', { type: 'string', pattern: '^(a|a)*$' }) } }), check('SEC-REDOS-ALT', { s: `${'a'.repeat(31)}b` }))),
    expect: { status: 200 }, writes: 'allowed', then: (res) => assert.equal(res.body.conforms, false),
  },
  {
    name: 'when a standard uses a*a*a*a*a*a*a*b, then it is accepted and a long near-match checks at once',
    send: bounded(publishedThen(standardDoc('SEC-REDOS-STAR', { type: 'object', properties: { s: clause('1', { type: 'string', pattern: 'a*a*a*a*a*a*a*b' }) } }), check('SEC-REDOS-STAR', { s: 'a'.repeat(5000) }))),
    expect: { status: 200 }, writes: 'allowed', then: (res) => assert.equal(res.body.conforms, false),
  },
  {
    name: 'when a standard uses the optional sub-heading ^8517\\.62(\\.[0-9]{2,4})?$, then it is accepted (not wrongly refused)',
    send: upload(standardDoc('SEC-HS-SUBHEADING', { type: 'object', properties: { hs: clause('1', { type: 'string', pattern: '^8517\\.62(\\.[0-9]{2,4})?$' }) } })),
    expect: { status: 201 }, writes: 'allowed',
  },
  {
    name: 'when a standard uses $dynamicRef, then it is accepted and a small valid spec conforms (never "too large")',
    send: publishedThen(standardDoc('SEC-DYNAMIC-REF', {
      $dynamicAnchor: 'node', type: 'object', required: ['name'],
      properties: { name: clause('1', { type: 'string' }), children: clause('2', { type: 'array', items: { $dynamicRef: '#node' } }) },
    }), check('SEC-DYNAMIC-REF', { name: 'root', children: [{ name: 'leaf' }] })),
    expect: { status: 200 }, writes: 'allowed', then: (res) => assert.equal(res.body.conforms, true, JSON.stringify(res.body).slice(0, 400)),
  },
];
