import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { commonDocument, conformingRadioSpec, failingRadioSpec, radioDocument } from '../fixtures/test-standards.ts';

describe('dry-run checks over HTTP', () => {
  let registry: TestRegistry;
  let vendor: string;
  let customs: string;
  let regulator: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    vendor = (await registry.login('vendor')).auth;
    customs = (await registry.login('customs')).auth;
    for (const doc of [commonDocument, radioDocument()]) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc).expect(201);
      await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulator).expect(200);
    }
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(radioDocument('2.0.0')).expect(201);
  });
  after(() => registry.close());

  const check = (body: object, auth = vendor) => request(registry.app).post('/api/v1/checks').set('Authorization', auth).send(body);

  it('when a spec conforms, then every clause is listed as pass or not applicable', async () => {
    const res = await check({ standard: 'TEST-RADIO', spec: conformingRadioSpec }).expect(200);
    assert.equal(res.body.conforms, true);
    assert.deepEqual(res.body.standard, { code: 'TEST-RADIO', version: '1.0.0', hash: (await registry.store.standards.get('TEST-RADIO', '1.0.0'))!.contentHash });
    assert.deepEqual(res.body.findings, []);
    const statuses = Object.fromEntries(res.body.clauses.map((c: { clause: string; status: string }) => [c.clause, c.status]));
    assert.deepEqual(statuses, { '4.0': 'pass', '4.1': 'pass', 'C.1': 'pass', '4.2': 'pass', '5.1': 'pass', '5.2': 'not_applicable' });
    assert.match(res.body.specHash, /^[0-9a-f]{64}$/);
    assert.ok(res.body.engine.name && res.body.engine.version);
    assert.ok(!Number.isNaN(Date.parse(res.body.checkedAt)));
  });

  it('when a spec fails, then each failure names its clause with messages in three languages', async () => {
    const res = await check({ standard: 'TEST-RADIO', version: '1.0.0', spec: failingRadioSpec }).expect(200);
    assert.equal(res.body.conforms, false);
    assert.equal(res.body.findings.length, 1);
    const [finding] = res.body.findings;
    assert.equal(finding.clause, '5.1');
    assert.equal(finding.keyword, 'maximum');
    assert.equal(finding.instancePath, '/power');
    assert.ok(finding.messages.en && finding.messages.ru && finding.messages.fa);
    assert.notEqual(finding.messages.ru, finding.messages.en);
    const statuses = Object.fromEntries(res.body.clauses.map((c: { clause: string; status: string }) => [c.clause, c.status]));
    assert.equal(statuses['5.1'], 'fail');
    assert.equal(statuses['5.2'], 'pass');
  });

  it('when the same spec is sent with keys in another order, then the spec hash is the same', async () => {
    const a = await check({ standard: 'TEST-RADIO', spec: { power: 20, hsCode: '8517', wifi5: false } }).expect(200);
    const b = await check({ standard: 'TEST-RADIO', spec: { wifi5: false, hsCode: '8517', power: 20 } }).expect(200);
    assert.equal(a.body.specHash, b.body.specHash);
  });

  it('when any authenticated role checks, then it is allowed; anonymous is 401', async () => {
    await check({ standard: 'TEST-RADIO', spec: conformingRadioSpec }, customs).expect(200);
    await request(registry.app).post('/api/v1/checks').send({ standard: 'TEST-RADIO', spec: {} }).expect(401);
  });

  it('when the standard is unknown, draft-only or withdrawn, then the check is refused with a problem', async () => {
    assert.equal((await check({ standard: 'NOPE', spec: {} }).expect(404)).body.code, 'not_found');
    assert.equal((await check({ standard: 'TEST-RADIO', version: '2.0.0', spec: {} }).expect(409)).body.state, 'draft');
    // The owning authority's regulator (who published it) withdraws it.
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.0.0/withdraw').set('Authorization', regulator).expect(200);
    assert.equal((await check({ standard: 'TEST-RADIO', version: '1.0.0', spec: {} }).expect(409)).body.state, 'withdrawn');
    assert.equal((await check({ standard: 'TEST-RADIO', spec: {} }).expect(404)).body.code, 'not_found');
  });

  it('when the request has unknown fields or no spec, then 400 lists what is wrong', async () => {
    const res = await check({ standard: 'TEST-RADIO', specs: {} }).expect(400);
    const keywords = res.body.errors.map((e: { keyword: string }) => e.keyword).sort();
    assert.deepEqual(keywords, ['additionalProperties', 'required']);
  });
});
