import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';

describe('standard pages', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
    const regulator = (await registry.login('regulator')).auth;
    const evil = { ...radioDocument(), title: { en: '<script>alert(1)</script>', ru: 'Р', fa: 'ف' } };
    for (const doc of [commonDocument, evil]) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc).expect(201);
      await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulator).expect(200);
    }
  });
  after(() => registry.close());

  it('when a standard page is opened, then its clauses are listed with a link to the JSON Schema', async () => {
    const res = await request(registry.app).get('/standards/TEST-RADIO/1.0.0').expect(200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.match(res.text, /<html lang="en" dir="ltr">/);
    for (const clause of ['4.1', '5.1', '5.2', 'C.1']) assert.match(res.text, new RegExp(`<code>${clause.replace('.', '\\.')}</code>`));
    assert.match(res.text, /href="\/api\/v1\/standards\/TEST-RADIO\/1\.0\.0\/schema\.json"/);
    assert.match(res.text, /dBm/);
  });

  it('when Persian is chosen, then the page is right to left and shows the Persian titles', async () => {
    const res = await request(registry.app).get('/standards/TEST-RADIO/1.0.0?lang=fa').expect(200);
    assert.match(res.text, /<html lang="fa" dir="rtl">/);
    assert.match(res.text, /Output power \(fa\)/);
    assert.match(res.text, /بند/);
  });

  it('when Russian is chosen, then the interface and titles are Russian', async () => {
    const res = await request(registry.app).get('/standards/TEST-RADIO/1.0.0?lang=ru').expect(200);
    assert.match(res.text, /Output power \(ru\)/);
    assert.match(res.text, /Пункт/);
  });

  it('when a title holds markup, then it is escaped, never rendered', async () => {
    const res = await request(registry.app).get('/standards').expect(200);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('when the version does not exist, then 404', async () => {
    await request(registry.app).get('/standards/TEST-RADIO/9.9.9').expect(404);
  });
});
