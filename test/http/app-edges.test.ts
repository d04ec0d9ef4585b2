import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { createApp } from '../../server/app.ts';
import type { Store } from '../../server/store/port.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('app edges: health, OpenAPI, unknown routes, unexpected errors', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry.close());

  it('when the process is up and the store answers, then /healthz and /readyz answer 200', async () => {
    await request(registry.app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(registry.app).get('/readyz').expect(200);
    assert.equal(ready.body.store, 'sqlite');
  });

  it('when the store does not answer, then /readyz is a 503 problem', async () => {
    const broken = { ...registry.store, ping: async () => { throw new Error('disk gone'); } } as Store;
    const app = createApp({ config: registry.config, store: broken, engine: registry.engine });
    const res = await request(app).get('/readyz').expect(503);
    assert.equal(res.body.code, 'unavailable');
    assert.doesNotMatch(JSON.stringify(res.body), /disk gone/);
  });

  it('when a route is unknown, then 404 problem+json', async () => {
    const res = await request(registry.app).get('/api/v1/nothing-here').expect(404);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.body.code, 'not_found');
  });

  it('when something unexpected throws, then a bare 500 leaks no message or stack', async () => {
    const failing = { ...registry.store, standards: { ...registry.store.standards, list: async () => { throw new Error('secret internals at /srv/x.ts:12'); } } } as Store;
    const app = createApp({ config: registry.config, store: failing, engine: registry.engine });
    const res = await request(app).get('/api/v1/standards').expect(500);
    assert.deepEqual(res.body, { type: 'about:blank', title: 'Internal Server Error', status: 500 });
  });

  it('when responses are sent, then they carry a request id and security headers', async () => {
    const res = await request(registry.app).get('/healthz').set('X-Request-Id', 'req-123').expect(200);
    assert.equal(res.headers['x-request-id'], 'req-123');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
  });

  it('when the OpenAPI document is fetched, then it is 3.1 and publishes the very schemas the routes validate with', async () => {
    const res = await request(registry.app).get('/api/v1/openapi.json').expect(200);
    assert.equal(res.body.openapi, '3.1.0');
    assert.ok(res.body.paths['/standards'].post.requestBody.content['application/json']);
    assert.ok(res.body.paths['/checks'].post);
    assert.deepEqual(res.body.paths['/standards'].get.security, []);
    const fileSchema = JSON.parse(readFileSync('schemas/api/check-request.schema.json', 'utf8'));
    assert.deepEqual(res.body.components.schemas.CheckRequest.properties, fileSchema.properties);
    assert.equal(res.body.components.schemas.StandardDocument.properties.title.$ref, '#/components/schemas/LocalizedText');
  });
});
