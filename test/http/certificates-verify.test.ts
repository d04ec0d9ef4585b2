import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompactSign, generateKeyPair } from 'jose';
import request from 'supertest';
import { verifyCertificate } from '../../server/domain/verification/verification.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('certificate verification', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let number: string;
  let jws: string;
  let hash: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    const certificate = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor));
    ({ number, jws, credentialHash: hash } = certificate);
  });
  after(() => registry.close());

  it('when a valid certificate is verified by number, then the verdict is valid and the answer carries the product identity and validity', async () => {
    const res = await request(registry.app).get(`/api/v1/verify/${number}`).expect(200);
    assert.deepEqual({ integrity: res.body.integrity, issuer: res.body.issuer, status: res.body.status, log: res.body.log }, { integrity: 'valid', issuer: 'recognised', status: 'valid', log: 'included' });
    assert.deepEqual([res.body.verdict, res.body.reasons], ['valid', []]);
    assert.equal(res.body.scope, undefined);
    const { product, validFrom, validUntil, issuer } = res.body.certificate;
    assert.deepEqual([product.manufacturer.name, product.model, product.hsCode], [(smartphoneSpec.identification as { manufacturer: { name: string } }).manufacturer.name, 'EX-5G Pro', '8517.13.00']);
    assert.ok(Array.isArray(product.variants) && 'brand' in product && 'hardwareVersion' in product && 'firmwareVersion' in product && 'countryOfOrigin' in product);
    assert.ok(Date.parse(validFrom) < Date.parse(validUntil));
    assert.equal(issuer.jurisdiction, 'IR');
    assert.match(res.body.certificate.holder.name, /^Example Mobile Technology Co\., Ltd\./);
    await request(registry.app).get(`/v/${number}`).expect(302).expect('Location', `/certificates/${number}`);
  });

  it('when the QR link is asked for application/vc+jwt or JSON, then it answers with the signed credential or the certificate, not a page', async () => {
    const stored = (await registry.store.certificates.get(number))!;
    const jwt = await request(registry.app).get(`/v/${number}`).set('Accept', 'application/vc+jwt').expect(200);
    assert.equal(jwt.type, 'application/vc+jwt');
    assert.equal(jwt.text, stored.jws);
    assert.match(String(jwt.headers.vary), /Accept/);
    const json = await request(registry.app).get(`/v/${number}`).set('Accept', 'application/json').expect(200);
    assert.equal(json.body.jws, stored.jws);
    const page = await request(registry.app).get(`/v/${number}`).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(302);
    assert.equal(page.headers.location, `/certificates/${number}`);
    const unknown = `${number.slice(0, 8)}2026-999999-0`;
    await request(registry.app).get(`/v/${unknown}`).set('Accept', 'application/vc+jwt').expect(404).expect('Content-Type', /problem\+json/);
  });

  it('when a number has a wrong check digit or is malformed, then "no such certificate number (check digit)" (GET 200 invalid, POST 400 naming /number)', async () => {
    const wrong = `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;
    const bad = (await request(registry.app).get(`/api/v1/verify/${wrong}`).expect(200)).body;
    assert.deepEqual([bad.verdict, bad.reasons[0].code, bad.integrity, bad.certificate], ['invalid', 'bad_check_digit', 'unverifiable', null]);
    assert.match(bad.reasons[0].message, /^no such certificate number \(check digit\)/);
    const malformed = (await request(registry.app).get('/api/v1/verify/IRRU-IR-26-42').expect(200)).body;
    assert.deepEqual([malformed.verdict, malformed.reasons[0].code], ['invalid', 'malformed_number']);
    const posted = await request(registry.app).post('/api/v1/verify').send({ number: wrong }).expect(400).expect('Content-Type', /problem\+json/);
    assert.deepEqual([posted.body.errors[0].path, posted.body.errors[0].keyword], ['/number', 'checkDigit']);
    assert.match(posted.body.detail, /no such certificate number \(check digit\)/);
  });

  it('when a QR payload points to another origin, then it is reported as foreign even though the number exists here', async () => {
    const foreign = (await request(registry.app).post('/api/v1/verify').send({ qr: `https://registry.evil.example/v/${number}#h=${hash}` }).expect(200)).body;
    assert.equal(foreign.verdict, 'foreign');
    assert.ok(foreign.reasons.some((r: { code: string; message: string }) => r.code === 'foreign_origin' && r.message.includes('https://registry.evil.example')));
    const otherPath = (await request(registry.app).post('/api/v1/verify').send({ qr: `http://registry.test/mirror/v/${number}#h=${hash}` }).expect(200)).body;
    assert.equal(otherPath.verdict, 'foreign');
    const ours = (await request(registry.app).post('/api/v1/verify').send({ qr: `HTTP://Registry.Test:80/v/${number}#h=${hash}` }).expect(200)).body;
    assert.equal(ours.verdict, 'valid');
  });

  it('when the certificate is suspended, then the verdict is invalid with the reason, and valid again once reinstated', async () => {
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'under investigation' }).expect(200);
    const suspended = (await request(registry.app).get(`/api/v1/verify/${number}`).expect(200)).body;
    assert.deepEqual([suspended.verdict, suspended.reasons.map((r: { code: string }) => r.code)], ['invalid', ['status_suspended']]);
    await request(registry.app).post(`/api/v1/certificates/${number}/reinstate`).set('Authorization', ir.auth).send({ reason: 'cleared' }).expect(200);
    assert.equal((await request(registry.app).get(`/api/v1/verify/${number}`).expect(200)).body.verdict, 'valid');
  });

  it('when a shipment is given, then its HS code and model are checked against the scope', async () => {
    const inside = await request(registry.app).get(`/api/v1/verify/${number}?hsCode=8517.13.00&model=EX-5G%20Pro%20256GB&serial=SN1`).expect(200);
    assert.equal(inside.body.scope.within, true);
    assert.equal(inside.body.verdict, 'valid');
    assert.deepEqual(inside.body.scope.checks.map((c: { result: string }) => c.result), ['match', 'match', 'match', 'not_restricted']);
    const outside = await request(registry.app).post('/api/v1/verify').send({ number, hsCode: '8517.62', model: 'Other' }).expect(200);
    assert.equal(outside.body.scope.within, false);
    assert.deepEqual([outside.body.verdict, outside.body.reasons.map((r: { code: string }) => r.code)], ['invalid', ['out_of_scope']]);
    assert.deepEqual(outside.body.scope.checks.filter((c: { result: string }) => c.result === 'mismatch').map((c: { field: string }) => c.field), ['hsCode', 'model']);
  });

  it('when the JWS or QR payload is posted, then it verifies; a tampered one is invalid; a QR with the wrong hash is invalid', async () => {
    assert.equal((await request(registry.app).post('/api/v1/verify').send({ jws }).expect(200)).body.integrity, 'valid');
    const [h, p, s] = jws.split('.');
    const payload = Buffer.from(p!, 'base64url');
    payload[30] = payload[30]! ^ 0x02;
    const tampered = await request(registry.app).post('/api/v1/verify').send({ jws: `${h}.${payload.toString('base64url')}.${s}` }).expect(200);
    assert.equal(tampered.body.integrity, 'invalid');
    const qr = `http://registry.test/v/${number}#h=${hash}`;
    assert.equal((await request(registry.app).post('/api/v1/verify').send({ qr }).expect(200)).body.integrity, 'valid');
    const wrong = await request(registry.app).post('/api/v1/verify').send({ qr: `http://registry.test/v/${number}#h=${'0'.repeat(64)}` }).expect(200);
    assert.equal(wrong.body.integrity, 'invalid');
  });

  it('when something cannot be checked (unknown key, number not issued here, not a QR), then the checks say "unverifiable"/"unknown" and the verdict is never valid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const credential = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
    const foreign = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential))).setProtectedHeader({ alg: 'EdDSA', kid: 'unknown-key-id-0000', typ: 'vc+jwt' }).sign(privateKey);
    const unknownKey = (await request(registry.app).post('/api/v1/verify').send({ jws: foreign }).expect(200)).body;
    assert.equal(unknownKey.integrity, 'unverifiable');
    assert.equal(unknownKey.issuer, 'unknown');
    assert.deepEqual([unknownKey.verdict, unknownKey.certificate], ['unknown', null]);
    const unknownNumber = (await request(registry.app).get('/api/v1/verify/IRRU-RU-2020-000001-2').expect(200)).body;
    assert.deepEqual([unknownNumber.integrity, unknownNumber.issuer, unknownNumber.status], ['unverifiable', 'unknown', 'unknown']);
    assert.deepEqual([unknownNumber.verdict, unknownNumber.reasons[0].code], ['invalid', 'not_found']);
    const notQr = (await request(registry.app).post('/api/v1/verify').send({ qr: 'hello' }).expect(200)).body;
    assert.equal(notQr.integrity, 'unverifiable');
    assert.deepEqual([notQr.verdict, notQr.reasons[0].code], ['invalid', 'not_a_verification_url']);
    await request(registry.app).post('/api/v1/verify').send({ jws, qr: 'x' }).expect(400);
  });

  it('when the certificate is past validUntil, then status is expired while integrity stays valid', async () => {
    const later = certificatesContextOf(registry, { now: () => new Date(Date.now() + 4 * 365 * 86_400_000) });
    const result = await verifyCertificate(later, { number });
    assert.equal(result.status, 'expired');
    assert.equal(result.integrity, 'valid');
  });

  it('when the certificate is revoked, then verification shows revoked and the shipment out of scope', async () => {
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', ir.auth).send({ reason: 'withdrawn by the manufacturer' }).expect(200);
    const res = (await request(registry.app).get(`/api/v1/verify/${number}?hsCode=8517.13`).expect(200)).body;
    assert.equal(res.status, 'revoked');
    assert.equal(res.integrity, 'valid');
    assert.deepEqual([res.verdict, res.reasons[0].code], ['invalid', 'status_revoked']);
    assert.equal(res.scope.within, false);
  });
});
