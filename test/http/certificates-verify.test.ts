import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompactSign, generateKeyPair } from 'jose';
import request from 'supertest';
import { verifyCertificate } from '../../server/domain/certificates/verification.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
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

  it('when a valid certificate is verified by number, then integrity, issuer, status and log each check out', async () => {
    const res = await request(registry.app).get(`/api/v1/verify/${number}`).expect(200);
    assert.deepEqual({ integrity: res.body.integrity, issuer: res.body.issuer, status: res.body.status, log: res.body.log }, { integrity: 'valid', issuer: 'recognised', status: 'valid', log: 'included' });
    assert.equal(res.body.scope, undefined);
  });

  it('when a shipment is given, then its HS code and model are checked against the scope', async () => {
    const inside = await request(registry.app).get(`/api/v1/verify/${number}?hsCode=851713&model=ex-5g%20pro%20256gb&serial=SN1`).expect(200);
    assert.equal(inside.body.scope.within, true);
    assert.deepEqual(inside.body.scope.checks.map((c: { result: string }) => c.result), ['match', 'match', 'match', 'not_restricted']);
    const outside = await request(registry.app).post('/api/v1/verify').send({ number, hsCode: '8517.62', model: 'Other' }).expect(200);
    assert.equal(outside.body.scope.within, false);
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

  it('when something cannot be checked (unknown key, unknown number, not a QR), then it is "unverifiable"/"unknown", never "invalid"', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const credential = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
    const foreign = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential))).setProtectedHeader({ alg: 'EdDSA', kid: 'unknown-key-id-0000', typ: 'vc+jwt' }).sign(privateKey);
    const unknownKey = (await request(registry.app).post('/api/v1/verify').send({ jws: foreign }).expect(200)).body;
    assert.equal(unknownKey.integrity, 'unverifiable');
    assert.equal(unknownKey.issuer, 'unknown');
    const unknownNumber = (await request(registry.app).get('/api/v1/verify/IRRU-RU-2020-000001-0').expect(200)).body;
    assert.deepEqual([unknownNumber.integrity, unknownNumber.issuer, unknownNumber.status], ['unverifiable', 'unknown', 'unknown']);
    const notQr = (await request(registry.app).post('/api/v1/verify').send({ qr: 'hello' }).expect(200)).body;
    assert.equal(notQr.integrity, 'unverifiable');
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
    assert.equal(res.scope.within, false);
  });
});
