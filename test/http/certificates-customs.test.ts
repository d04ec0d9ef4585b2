import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { formatCustomsNumber } from '../../server/domain/customs/customs-document-number.ts';
import { prepareStandard } from '../../server/domain/standards/lookup.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const shipment = {
  importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', model: 'EX-5G Pro', quantity: 502, hsCode: '8517.13.00.00',
  serials: ['X-1', 'X-2'], serialRange: { from: 'SN0001', to: 'SN0500' },
};
const year = new Date().getUTCFullYear();
const ue = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'standards', 'IRRU-UE.json'), 'utf8')) as { schema: Record<string, unknown> };

/** IRRU-UE's requirements under another code, without x-mutual-recognition: valid only where issued. */
function nationalStandard() {
  const { 'x-mutual-recognition': _recognition, ...schema } = ue.schema;
  return { code: 'IRRU-UEN', version: '1.0.0', category: 'mobile-ue', title: { en: 'National UE (no mutual recognition)' }, schema: { ...schema, $id: 'urn:irru:std:IRRU-UEN:1.0.0' } };
}

describe('customs documents', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let customs: { auth: string };
  let number: string;
  let national: string;
  let issuedRu = 0;

  const post = (certificate: string, body: object, auth = customs.auth) => request(registry.app).post(`/api/v1/certificates/${certificate}/customs-document`).set('Authorization', auth).send(body);

  /** Nothing was written: no audit event, and the next RU number is still free (gapless). */
  async function assertNothingWritten(auditBefore: number | undefined) {
    assert.equal((await registry.store.audit.last())?.seq, auditBefore);
    assert.equal(await registry.store.customsDocuments.getByNumber(formatCustomsNumber({ jurisdiction: 'RU', year, sequence: issuedRu + 1 })), null);
  }

  async function refused(certificate: string, body: object, status: number) {
    const auditBefore = (await registry.store.audit.last())?.seq;
    const res = await post(certificate, body).expect(status).expect('Content-Type', /application\/problem\+json/);
    await assertNothingWritten(auditBefore);
    return res.body;
  }

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    customs = await registry.login('customs', { jurisdiction: 'RU' });
    const ctx = certificatesContextOf(registry);
    number = (await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor))).number;
    await request(registry.app).post('/api/v1/standards').set('Authorization', ir.auth).send(nationalStandard()).expect(201);
    await request(registry.app).post('/api/v1/standards/IRRU-UEN/1.0.0/publish').set('Authorization', ir.auth).expect(200);
    const record = (await registry.store.standards.get('IRRU-UEN', '1.0.0'))!;
    const report = registry.engine.check(await prepareStandard(registry.store, registry.engine, record), smartphoneSpec);
    national = (await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor, { report }))).number;
  });
  after(() => registry.close());

  it('when a RU officer attests a shipment under an IR certificate whose standard declares mutual recognition, then a numbered, signed attestation names RU and the shipment', async () => {
    const res = await post(number, shipment).expect(201);
    issuedRu += 1;
    assert.equal(res.body.documentNumber, formatCustomsNumber({ jurisdiction: 'RU', year, sequence: 1 }));
    assert.equal(res.body.importingJurisdiction, 'RU');
    const { attestation } = res.body;
    assert.deepEqual([attestation.documentNumber, attestation.importingJurisdiction, attestation.validForImport.basis], [res.body.documentNumber, 'RU', 'mutual_recognition']);
    assert.deepEqual(attestation.shipment, { ...shipment });
    assert.equal(Math.round((Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)) / 86_400_000), 30);
    assert.equal(res.body.verificationUrl, `http://registry.test/v/${number}/customs/${res.body.id}#h=${res.body.attestationHash}`);
    const keySet = createLocalJWKSet((await request(registry.app).get('/.well-known/jwks.json').expect(200)).body);
    const { payload, protectedHeader } = await compactVerify(res.body.jws, keySet);
    assert.equal(protectedHeader.typ, 'irru-customs+jwt');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), attestation);
    assert.equal((await registry.store.customsDocuments.getByNumber(res.body.documentNumber))?.jws, res.body.jws);
    const audit = await registry.store.audit.list({ subject: `certificate:${number}`, limit: 10 });
    assert.ok(audit.some((e) => e.action === 'certificate.customs_document' && e.summary.documentNumber === res.body.documentNumber));
    const byNumber = await request(registry.app).get(`/api/v1/certificates/${number}/customs-document/${res.body.documentNumber}`).set('Authorization', customs.auth).expect(200);
    assert.equal(byNumber.body.id, res.body.id);
  });

  it('when the QR of a customs document is verified, then the answer carries the signed shipment facts; an edited hash is invalid and shows none', async () => {
    const created = (await post(number, { ...shipment, variant: 'EX-5G Pro 256GB', serials: undefined, serialRange: undefined, quantity: 40 }).expect(201)).body;
    issuedRu += 1;
    const viaQr = (await request(registry.app).post('/api/v1/verify').send({ qr: created.verificationUrl }).expect(200)).body;
    assert.deepEqual(viaQr.customsDocument, {
      id: created.id, integrity: 'valid', expired: false, expiresAt: created.expiresAt, documentNumber: created.documentNumber, importingJurisdiction: 'RU',
      shipment: { importer: shipment.importer, consignmentReference: shipment.consignmentReference, model: 'EX-5G Pro', variant: 'EX-5G Pro 256GB', quantity: 40, hsCode: shipment.hsCode, serials: [] },
    });
    const edited = created.verificationUrl.replace(/#h=.*/, `#h=${'0'.repeat(64)}`);
    const forged = (await request(registry.app).post('/api/v1/verify').send({ qr: edited }).expect(200)).body;
    assert.deepEqual([forged.customsDocument.integrity, forged.customsDocument.shipment], ['invalid', null]);
    const page = await request(registry.app).get(new URL(created.verificationUrl).pathname).expect(200).expect('Content-Type', /html/);
    for (const fact of [created.documentNumber, 'Russian Federation', 'EX-5G Pro 256GB', '>40<']) assert.ok(page.text.includes(fact), fact);
    await request(registry.app).get(`/v/${number}/customs/${created.documentNumber}`).expect(404);
  });

  it('when the certificate was issued in IR under a standard without mutual recognition, then a RU officer is refused (422 importingJurisdiction) and an IR officer is not', async () => {
    const body = await refused(national, shipment, 422);
    assert.equal(body.code, 'out_of_scope');
    assert.deepEqual(body.failures.map((f: { field: string; rule: string }) => [f.field, f.rule]), [['importingJurisdiction', 'import_recognition']]);
    assert.match(body.detail, /issued in IR is not valid for import into RU/);
    const irCustoms = await registry.login('customs', { jurisdiction: 'IR' });
    const ok = (await post(national, shipment, irCustoms.auth).expect(201)).body;
    assert.equal(ok.documentNumber, formatCustomsNumber({ jurisdiction: 'IR', year, sequence: 1 }));
    assert.deepEqual([ok.importingJurisdiction, ok.attestation.validForImport.basis], ['IR', 'issued_by_importing_jurisdiction']);
  });

  it('when the HS code is shorter than the certified 8517.13.00 or another subheading, then 422 hs_precision and nothing is written', async () => {
    for (const hsCode of ['8517', '8517.13', '8517.62']) {
      const body = await refused(number, { ...shipment, hsCode }, 422);
      assert.deepEqual(body.failures.map((f: { field: string; rule: string }) => [f.field, f.rule]), [['hsCode', 'hs_precision']], hsCode);
      assert.match(body.detail, new RegExp(`HS code ${hsCode.replace('.', '\\.')} is outside the certified 8517\\.13\\.00`));
    }
  });

  it('when the model differs (even by case) or the variant is not certified, then 422 naming model or variant', async () => {
    const model = await refused(number, { ...shipment, model: 'EX-5G PRO' }, 422);
    assert.deepEqual(model.failures.map((f: { field: string; rule: string }) => [f.field, f.rule]), [['model', 'model_exact']]);
    const variant = await refused(number, { ...shipment, variant: 'EX-5G Pro 1TB' }, 422);
    assert.deepEqual(variant.failures.map((f: { field: string; rule: string }) => [f.field, f.rule]), [['variant', 'variant_certified']]);
    const missing = await refused(number, { ...shipment, model: undefined }, 400);
    assert.ok(missing.errors.some((e: { keyword: string; params: { missingProperty?: string } }) => e.keyword === 'required' && e.params.missingProperty === 'model'));
  });

  it('when the serial range runs Z9 … A1, or quantity disagrees with the serials, then 400 naming the field and rule', async () => {
    const range = await refused(number, { ...shipment, quantity: 3, serials: ['S1', 'S2'], serialRange: { from: 'Z9', to: 'A1' } }, 400);
    assert.deepEqual(range.errors.map((e: { path: string; keyword: string }) => [e.path, e.keyword]), [['/serialRange', 'serial_range']]);
    const quantity = await refused(number, { ...shipment, quantity: 3, serials: ['S1', 'S2'], serialRange: undefined }, 400);
    assert.deepEqual(quantity.errors.map((e: { path: string; keyword: string }) => [e.path, e.keyword]), [['/quantity', 'quantity_matches_serials']]);
    const bidi = await refused(number, { ...shipment, serials: ['SN\u202E01', 'X-2'] }, 400);
    assert.ok(bidi.errors.some((e: { path: string }) => e.path === '/serials/0'));
  });

  it('when requests were refused in between, then the next document takes the next number (gapless)', async () => {
    const res = await post(number, shipment).expect(201);
    issuedRu += 1;
    assert.equal(res.body.documentNumber, formatCustomsNumber({ jurisdiction: 'RU', year, sequence: issuedRu }));
  });

  it('when a vendor asks, or the body is malformed, then 403 / 400', async () => {
    const vendor = await registry.login('vendor');
    await post(number, shipment, vendor.auth).expect(403);
    await refused(number, { ...shipment, quantity: 0 }, 400);
    await refused(number, { ...shipment, importingJurisdiction: 'IR' }, 400);
    await request(registry.app).get(`/api/v1/certificates/${number}/customs-document/00000000-0000-0000-0000-000000000000`).set('Authorization', customs.auth).expect(404);
  });

  it('when the certificate is suspended, then no customs document is issued (422 out_of_scope: suspended)', async () => {
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'market surveillance' }).expect(200);
    const body = await refused(number, shipment, 422);
    assert.match(body.detail, /suspended/);
    assert.deepEqual(body.failures.map((f: { field: string; rule: string }) => [f.field, f.rule]), [['status', 'certificate_valid']]);
  });
});
