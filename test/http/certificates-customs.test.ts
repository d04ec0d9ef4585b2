import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const shipment = { importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', quantity: 500, hsCode: '8517.13.00.00', serialRange: { from: 'SN0001', to: 'SN0500' } };

describe('customs documents', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let customs: { auth: string };
  let number: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    customs = await registry.login('customs', { jurisdiction: 'RU' });
    number = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).number;
  });
  after(() => registry.close());

  it('when a customs officer attests a shipment within scope, then a signed 30-day attestation is stored and audited', async () => {
    const res = await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customs.auth).send(shipment).expect(201);
    assert.equal(res.body.attestation.shipment.quantity, 500);
    assert.equal(res.body.attestation.certificate.number, number);
    assert.equal(Math.round((Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)) / 86_400_000), 30);
    assert.equal(res.body.verificationUrl, `http://registry.test/v/${number}/customs/${res.body.id}#h=${res.body.attestationHash}`);
    const keySet = createLocalJWKSet((await request(registry.app).get('/.well-known/jwks.json').expect(200)).body);
    const { payload, protectedHeader } = await compactVerify(res.body.jws, keySet);
    assert.equal(protectedHeader.typ, 'irru-customs+jwt');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), res.body.attestation);
    const stored = await registry.store.customsDocuments.get(res.body.id);
    assert.equal(stored?.jws, res.body.jws);
    const audit = await registry.store.audit.list({ subject: `certificate:${number}`, limit: 10 });
    assert.ok(audit.some((e) => e.action === 'certificate.customs_document' && e.summary.customsDocumentId === res.body.id));
    const fetched = await request(registry.app).get(`/api/v1/certificates/${number}/customs-document/${res.body.id}`).set('Authorization', customs.auth).expect(200);
    assert.equal(fetched.body.jws, res.body.jws);
    const viaQr = (await request(registry.app).post('/api/v1/verify').send({ qr: res.body.verificationUrl }).expect(200)).body;
    assert.deepEqual(viaQr.customsDocument, { id: res.body.id, integrity: 'valid', expired: false, expiresAt: res.body.expiresAt });
  });

  it('when the HS code is outside the certificate, then 422 out_of_scope with the reason and nothing is stored', async () => {
    const auditBefore = (await registry.store.audit.last())?.seq;
    const res = await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customs.auth).send({ ...shipment, hsCode: '8517.62' }).expect(422);
    assert.equal((await registry.store.audit.last())?.seq, auditBefore);
    assert.equal(res.body.code, 'out_of_scope');
    assert.match(res.body.detail, /HS code 8517\.62 is outside the certified 8517\.13\.00/);
    assert.equal(res.body.checks.find((c: { field: string }) => c.field === 'hsCode').result, 'mismatch');
  });

  it('when a vendor asks, or the body is malformed, then 403 / 400', async () => {
    const vendor = await registry.login('vendor');
    await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', vendor.auth).send(shipment).expect(403);
    await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customs.auth).send({ ...shipment, quantity: 0 }).expect(400);
    await request(registry.app).get(`/api/v1/certificates/${number}/customs-document/00000000-0000-0000-0000-000000000000`).set('Authorization', customs.auth).expect(404);
  });

  it('when the certificate is suspended, then no customs document is issued (422 out_of_scope: suspended)', async () => {
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'market surveillance' }).expect(200);
    const res = await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customs.auth).send(shipment).expect(422);
    assert.match(res.body.detail, /suspended/);
  });
});
