import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';

/** TEST-RADIO 1.1.0: the power limit tightened from 23 to 20 dBm and a clause 5.3 (standby power) added. */
function tightened(version: string) {
  const doc = radioDocument(version);
  const properties = doc.schema.properties as Record<string, Record<string, unknown>>;
  properties.power!.maximum = 20;
  properties.standby = { 'x-clause': '5.3', 'x-title': { en: 'Standby power', ru: 'Мощность в режиме ожидания', fa: 'توان حالت آماده‌به‌کار' }, 'x-unit': 'W', type: 'number', maximum: 0.5 };
  return doc;
}

describe('GET /api/v1/standards/{code}/diff', () => {
  let registry: TestRegistry;
  let regulator: string;
  before(async () => {
    registry = await startRegistry({ shipped: true });
    regulator = (await registry.login('regulator')).auth;
    for (const doc of [commonDocument, radioDocument('1.0.0'), tightened('1.1.0')]) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc).expect(201);
      await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulator).expect(200);
    }
    // A draft that removes the target-market clause 4.2 again.
    const draft = tightened('1.2.0');
    delete (draft.schema.properties as Record<string, unknown>).targetMarkets;
    draft.schema.required = ['identification', 'power'];
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(draft).expect(201);
  });
  after(() => registry.close());

  it('when two published versions are compared, then anyone gets the clauses added and changed with old and new values', async () => {
    const res = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=1.0.0&to=1.1.0').expect(200);
    assert.equal(res.body.code, 'TEST-RADIO');
    assert.deepEqual([res.body.from.version, res.body.from.status, res.body.to.version, res.body.to.status], ['1.0.0', 'superseded', '1.1.0', 'published']);
    assert.deepEqual(res.body.added.map((clause: { clause: string }) => clause.clause), ['5.3']);
    assert.equal(res.body.added[0].unit, 'W');
    assert.deepEqual(res.body.removed, []);
    assert.deepEqual(res.body.changed, [{
      clause: '5.1', title: { en: 'Output power', ru: 'Output power (ru)', fa: 'Output power (fa)' }, pointer: '/properties/power',
      changes: [{ aspect: 'limit', at: 'power', keyword: 'maximum', from: 23, to: 20 }],
    }]);
    const stored = await registry.store.standards.get('TEST-RADIO', '1.1.0');
    assert.equal(res.body.to.contentHash, stored!.contentHash);
  });

  it('when the order is reversed, then the added clause is reported removed and the limit goes back', async () => {
    const res = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=1.1.0&to=1.0.0').expect(200);
    assert.deepEqual(res.body.removed.map((clause: { clause: string }) => clause.clause), ['5.3']);
    assert.deepEqual(res.body.changed[0].changes, [{ aspect: 'limit', at: 'power', keyword: 'maximum', from: 20, to: 23 }]);
  });

  it('when a shipped standard is compared with itself, then nothing is added, removed or changed', async () => {
    const res = await request(registry.app).get('/api/v1/standards/IRRU-UE/diff?from=1.0.0&to=1.0.0').expect(200);
    assert.deepEqual([res.body.added, res.body.removed, res.body.changed], [[], [], []]);
    const record = await registry.store.standards.get('IRRU-UE', '1.0.0');
    assert.equal(res.body.unchanged, registry.engine.clauseIndex(record!.schema, [(await registry.store.standards.get('IRRU-COMMON', '1.0.0'))!.schema]).length);
  });

  it('when a draft is compared, then only those who manage standards see it: 401 without a token, 403 for a vendor', async () => {
    const path = '/api/v1/standards/TEST-RADIO/diff?from=1.1.0&to=1.2.0';
    const anonymous = await request(registry.app).get(path).expect(401);
    assert.match(anonymous.headers['content-type'] ?? '', /application\/problem\+json/);
    const vendor = (await registry.login('vendor')).auth;
    const refused = await request(registry.app).get(path).set('Authorization', vendor).expect(403);
    assert.equal(refused.body.code, 'forbidden');
    assert.equal(refused.body.removed, undefined);
    const res = await request(registry.app).get(path).set('Authorization', regulator).expect(200);
    assert.equal(res.body.to.status, 'draft');
    assert.deepEqual(res.body.removed.map((clause: { clause: string }) => clause.clause), ['4.2']);
  });

  it('when a parameter is missing or not a version, then 400 problem+json names it', async () => {
    const missing = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=1.0.0').expect(400);
    assert.match(missing.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(missing.body.code, 'validation_failed');
    assert.ok(missing.body.errors.some((error: { params: { missingProperty?: string } }) => error.params.missingProperty === 'to'), JSON.stringify(missing.body));
    const malformed = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=latest&to=1.1.0').expect(400);
    assert.deepEqual(malformed.body.errors.map((error: { path: string }) => error.path), ['/from']);
    const repeated = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=1.0.0&to=1.1.0&to=1.0.0').expect(400);
    assert.deepEqual(repeated.body.errors.map((error: { path: string }) => error.path), ['/to']);
  });

  it('when a version or the standard does not exist, then 404 naming the parameter', async () => {
    const res = await request(registry.app).get('/api/v1/standards/TEST-RADIO/diff?from=1.0.0&to=9.9.9').expect(404);
    assert.equal(res.body.code, 'not_found');
    assert.equal(res.body.parameter, 'to');
    assert.match(res.body.detail, /TEST-RADIO@9\.9\.9/);
    const unknown = await request(registry.app).get('/api/v1/standards/NO-SUCH/diff?from=1.0.0&to=1.0.0').expect(404);
    assert.equal(unknown.body.parameter, 'from');
  });

  it('the OpenAPI document lists the operation with its two query parameters, and version routes still answer', async () => {
    const openapi = await request(registry.app).get('/api/v1/openapi.json').expect(200);
    const operation = openapi.body.paths['/standards/{code}/diff']?.get;
    assert.ok(operation, 'no diff operation');
    assert.deepEqual(operation.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string; required: boolean }) => [p.name, p.required]), [['from', true], ['to', true]]);
    await request(registry.app).get('/api/v1/standards/TEST-RADIO/1.0.0').expect(200);
  });
});
