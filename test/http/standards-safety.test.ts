import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { commonDocument, radioDocument, radioSpec } from '../fixtures/test-standards.ts';

/** Refusals of unsafe standards at upload: each a 422 invalid_schema naming the rule and pointer, with nothing stored. */
describe('standard upload safety over HTTP', () => {
  let registry: TestRegistry;
  let regulator: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
  });
  after(() => registry.close());

  const doc = (schema: Record<string, unknown>, code = 'TEST-SAFE') => ({ code, version: '1.0.0', category: 'safe', title: { en: 'Safe' }, schema });
  const id = (code = 'TEST-SAFE') => `urn:irru:std:${code}:1.0.0`;

  async function expectRefused(schema: Record<string, unknown>, detail: RegExp, code = 'TEST-SAFE'): Promise<Record<string, unknown>> {
    const res = await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc(schema, code));
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.body.code, 'invalid_schema');
    assert.match(res.body.detail, detail);
    assert.equal(await registry.store.standards.get(code, '1.0.0'), null, 'nothing stored');
    return res.body as Record<string, unknown>;
  }

  it('when a schema claims the draft 2020-12 meta-schema $id with "not": {}, then 422 names the reserved $id and nothing is stored', async () => {
    const body = await expectRefused({ $id: 'https://json-schema.org/draft/2020-12/schema', not: {} }, /\$id "https:\/\/json-schema\.org\/draft\/2020-12\/schema" is reserved/);
    assert.equal(body.rule, 'standard_id');
    assert.equal(body.pointer, '/$id');
  });

  it('when a schema claims a registry API schema $id, then 422', async () => {
    await expectRefused({ $id: 'urn:irru:api:check-request', type: 'object' }, /reserved/);
  });

  it('when the $id is outside the registry namespace or names another version, then 422 states the expected $id', async () => {
    await expectRefused({ $id: 'https://example.org/std', type: 'object' }, /must be "urn:irru:std:TEST-SAFE:1\.0\.0"/);
    await expectRefused({ $id: 'urn:irru:std:TEST-SAFE:2.0.0', type: 'object' }, /must be "urn:irru:std:TEST-SAFE:1\.0\.0"/);
  });

  it('when an embedded $id claims another identifier, then 422 names its pointer', async () => {
    const body = await expectRefused({ $id: id(), $defs: { meta: { $id: 'https://json-schema.org/draft/2020-12/meta/core', not: {} } } }, /embedded \$id .* at "\/\$defs\/meta\/\$id"/);
    assert.equal(body.pointer, '/$defs/meta/$id');
  });

  it('when a pattern uses look-ahead or a back-reference, then 422 names the rule, pointer and pattern', async () => {
    const body = await expectRefused({ $id: id(), properties: { model: { type: 'string', pattern: '^(?!X)[A-Z]+$' } } }, /regular expression refused at "\/properties\/model\/pattern" \("\^\(\?!X\)\[A-Z\]\+\$"\): look-ahead/);
    assert.equal(body.rule, 'linear_regexp');
    await expectRefused({ $id: id(), patternProperties: { '^(a)\\1$': {} } }, /back-reference/);
  });

  it('when ordinary linear patterns are uploaded (optional sub-heading, repeated groups, (a|a)*), then they are accepted', async () => {
    const schema = { $id: id('TEST-RX'), properties: { hs: { pattern: '^8517\\.62(\\.[0-9]{2,4})?$' }, region: { pattern: '^[A-Z]{2}(-[A-Z0-9]+)*$' }, evil: { pattern: '^(a|a)*$' } } };
    const res = await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc(schema, 'TEST-RX'));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('when a $dynamicRef cannot be followed by the engine, then 422 says why instead of every check overflowing', async () => {
    const schema = { $id: id(), $ref: '#/$defs/base', $defs: { base: { $id: `${id()}/base`, $dynamicRef: '#addons', $defs: { d: { $dynamicAnchor: 'addons' } } } } };
    const body = await expectRefused(schema, /unsupported \$dynamicRef at "\/\$defs\/base\/\$dynamicRef".*\$dynamicAnchor/);
    assert.equal(body.rule, 'dynamic_ref');
  });

  it('when a schema has more subschemas than the limit (7,778 anyOf properties), then 422 names the limit before compiling', async () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 7778; i++) properties[`p${i}`] = { anyOf: [{ type: 'string' }, { type: 'number' }], unevaluatedProperties: false };
    const started = Date.now();
    const body = await expectRefused({ $id: id(), type: 'object', properties, unevaluatedProperties: false }, /more than 4000 subschemas/);
    assert.equal(body.rule, 'subschema_count');
    assert.ok(Date.now() - started < 5000, 'refused without compiling');
  });

  it('when an anyOf lists more branches than the limit, then 422 names the pointer and limit', async () => {
    const body = await expectRefused({ $id: id(), anyOf: Array.from({ length: 300 }, (_, i) => ({ const: i })) }, /"anyOf" at "\/anyOf" lists 300 subschemas; the limit is 256/);
    assert.equal(body.rule, 'branch_count');
  });

  it('when a standard with the fixtures namespace is uploaded, published and checked, then checking works as before', async () => {
    for (const standard of [commonDocument, radioDocument()]) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(standard).expect(201);
      await request(registry.app).post(`/api/v1/standards/${standard.code}/${standard.version}/publish`).set('Authorization', regulator).expect(200);
    }
    const vendor = (await registry.login('vendor')).auth;
    const res = await request(registry.app).post('/api/v1/checks').set('Authorization', vendor).send({ standard: 'TEST-RADIO', spec: radioSpec({ power: 20 }) }).expect(200);
    assert.equal(res.body.conforms, true, JSON.stringify(res.body.findings));
  });
});
