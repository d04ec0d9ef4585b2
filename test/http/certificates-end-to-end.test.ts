import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { regulatorOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const identification = smartphoneSpec.identification as Record<string, unknown> & { manufacturer: { name: string } };
const product = { ...identification, manufacturer: identification.manufacturer.name };

describe('certificates through the HTTP approval workflow (default onApproved hook)', () => {
  let registry: TestRegistry;

  before(async () => {
    registry = await startRegistry({ shipped: true });
  });
  after(() => registry.close());

  it('when a vendor submits and an IR regulator approves over HTTP, then a certificate is issued, verifiable, and customs can attest a shipment', async () => {
    const vendor = await registry.login('vendor');
    const ir = await regulatorOf(registry, 'IR');
    const customs = await registry.login('customs', { jurisdiction: 'IR' });
    const created = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor.auth)
      .send({ standard: 'IRRU-UE', jurisdictions: ['IR'], product, spec: smartphoneSpec }).expect(201);
    const id = created.body.id as string;
    await request(registry.app).post(`/api/v1/submissions/${id}/submit`).set('Authorization', vendor.auth).expect(200);
    await request(registry.app).post(`/api/v1/submissions/${id}/review`).set('Authorization', ir.auth).expect(200);
    const decided = await request(registry.app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', ir.auth).set('X-Request-Id', 'approve-1').send({ decision: 'approve' }).expect(200);

    const [certificate] = await registry.store.certificates.listBySubmission(id);
    assert.ok(certificate, 'the approval issued a certificate');
    assert.deepEqual(decided.body.certificates.map((c: { number: string }) => c.number), [certificate.number]);
    const seenByVendor = (await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor.auth).expect(200)).body;
    assert.deepEqual(seenByVendor.certificates.map((c: { number: string; pdf: string }) => [c.number, c.pdf]), [[certificate.number, `/api/v1/certificates/${certificate.number}.pdf`]]);
    const body = (await request(registry.app).get(`/api/v1/certificates/${certificate.number}`).expect(200)).body;
    const keySet = createLocalJWKSet((await request(registry.app).get('/.well-known/jwks.json').expect(200)).body);
    await compactVerify(body.jws, keySet);
    const verified = (await request(registry.app).get(`/api/v1/verify/${certificate.number}?hsCode=8517.13.00`).expect(200)).body;
    assert.deepEqual([verified.integrity, verified.issuer, verified.status, verified.log, verified.scope.within], ['valid', 'recognised', 'valid', 'included', true]);
    const audit = await registry.store.audit.list({ subject: `certificate:${certificate.number}`, limit: 5 });
    assert.deepEqual(audit.map((e) => [e.action, e.requestId]), [['certificate.issue', 'approve-1']]);
    await request(registry.app).post(`/api/v1/certificates/${certificate.number}/customs-document`).set('Authorization', customs.auth)
      .send({ importer: 'Tehran Imports Co.', consignmentReference: 'IR-77', model: 'EX-5G Pro', quantity: 20, hsCode: '8517130000' }).expect(201);
  });
});
