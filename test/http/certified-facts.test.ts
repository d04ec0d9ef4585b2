import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act } from '../helpers/submissions.ts';
import { readCertificate } from '../../server/domain/credentials/credential-reading.ts';

const identification = smartphoneSpec.identification as Record<string, unknown>;
const vendorOrg = 'Example Mobile Technology Co., Ltd.';
const authorityRu = 'Federal Service for Supervision of Communications, Information Technology and Mass Media';

/** The shipped smartphone example with its identification and markets changed. */
function phone(changes: { identification?: Record<string, unknown>; targetMarkets?: string[] } = {}) {
  return { ...smartphoneSpec, identification: { ...identification, ...changes.identification }, ...(changes.targetMarkets ? { targetMarkets: changes.targetMarkets } : {}) };
}

describe('certificates state only what the checks saw', () => {
  let registry: TestRegistry;
  let vendor: string;
  let ru: string;
  before(async () => {
    registry = await startRegistry({ shipped: true });
    vendor = (await registry.login('vendor', { org: vendorOrg })).auth;
    ru = (await registry.login('regulator', { org: authorityRu, jurisdiction: 'RU' })).auth;
  });
  after(() => registry.close());

  const post = (body: object) => request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).send(body);
  const stored = async () => ({ submissions: (await registry.store.submissions.list({ limit: 1000 })).items.length, audit: (await registry.store.audit.last())?.seq });

  it('when a vendor targets a market the spec does not declare, then 422 names the jurisdiction and nothing is stored', async () => {
    const before = await stored();
    const res = await post({ standard: 'IRRU-UE', jurisdictions: ['RU'], spec: phone({ targetMarkets: ['IR'] }) }).expect(422);
    assert.equal(res.body.code, 'inconsistent_submission');
    assert.deepEqual(res.body.errors.map((e: { path: string; keyword: string }) => [e.path, e.keyword]), [['/jurisdictions/0', 'market_declared']]);
    assert.deepEqual(await stored(), before);
  });

  it('when the product block differs from the spec, then 422 names each differing field and nothing is stored', async () => {
    const before = await stored();
    const product = { manufacturer: 'Other Maker Ltd.', model: 'Other Model X', hsCode: '8471.30' };
    const res = await post({ standard: 'IRRU-UE', jurisdictions: ['RU'], product, spec: phone() }).expect(422);
    assert.equal(res.body.code, 'inconsistent_submission');
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['/product/manufacturer', '/product/model', '/product/hsCode']);
    assert.equal(res.body.errors[1].params.spec, identification.model);
    assert.deepEqual(await stored(), before);
  });

  it('when a submission is approved, then the certificate states the spec\'s product, the holder and the issuer by full name', async () => {
    const { body: created } = await post({ standard: 'IRRU-UE', jurisdictions: ['RU'], spec: phone() }).expect(201);
    assert.equal(created.product.model, identification.model);
    await act(registry, vendor, created.id, 'submit').expect(200);
    await act(registry, ru, created.id, 'review').expect(200);
    await act(registry, ru, created.id, 'decision', { decision: 'approve' }).expect(200);
    const [certificate] = await registry.store.certificates.listBySubmission(created.id);
    assert.ok(certificate);
    assert.deepEqual([certificate.model, certificate.hsCode], [identification.model, identification.hsCode]);
    const { credential } = (await request(registry.app).get(`/api/v1/certificates/${certificate.number}`).expect(200)).body;
    assert.deepEqual(readCertificate(credential).product, identification);
    assert.equal(credential.credentialSubject.issuedToParty.name, vendorOrg);
    assert.equal(credential.issuer.name, authorityRu);
  });

  it('when the spec\'s model holds a right-to-left override, then submitting is refused naming the field and nothing is certified', async () => {
    const { body: created } = await post({ standard: 'IRRU-UE', jurisdictions: ['RU'], spec: phone({ identification: { model: '\u202eSAFE-1X-LEDOM' } }) }).expect(201);
    const res = await act(registry, vendor, created.id, 'submit').expect(422);
    assert.equal(res.body.code, 'not_conforming');
    assert.deepEqual(res.body.fields, ['/spec/identification/model']);
    assert.equal((await registry.store.submissions.get(created.id))?.status, 'draft');
    assert.deepEqual(await registry.store.certificates.listBySubmission(created.id), []);
  });

  it('when a revision drops a market the submission seeks, then 422 and the revision is not stored', async () => {
    const { body: created } = await post({ standard: 'IRRU-UE', jurisdictions: ['IR', 'RU'], spec: phone() }).expect(201);
    const res = await request(registry.app).put(`/api/v1/submissions/${created.id}`).set('Authorization', vendor).send({ spec: phone({ targetMarkets: ['IR'] }) }).expect(422);
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['/jurisdictions/1']);
    assert.equal((await registry.store.submissions.get(created.id))?.revision, 1);
  });

  it('when a standard has no identification or target-market clause, then submissions against it are refused and nothing is stored', async () => {
    const regulator = (await registry.login('regulator', { org: authorityRu, jurisdiction: 'RU' })).auth;
    const bare = {
      code: 'TEST-BARE', version: '1.0.0', category: 'test', title: { en: 'Bare', ru: 'Голый', fa: 'ساده' },
      schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:irru:std:TEST-BARE:1.0.0', type: 'object', properties: { power: { 'x-clause': '5.1', 'x-title': { en: 'Power', ru: 'Мощность', fa: 'توان' }, type: 'number' } } },
    };
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(bare).expect(201);
    await request(registry.app).post('/api/v1/standards/TEST-BARE/1.0.0/publish').set('Authorization', regulator).expect(200);
    const before = await stored();
    const res = await post({ standard: 'TEST-BARE', jurisdictions: ['RU'], spec: { ...phone(), power: 1 } }).expect(422);
    assert.equal(res.body.code, 'not_certifiable');
    assert.match(res.body.detail, /properties\.identification and properties\.targetMarkets/);
    assert.deepEqual(await stored(), before);
  });
});
