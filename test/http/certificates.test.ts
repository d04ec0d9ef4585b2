import assert from 'node:assert/strict';
import { statSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { keysDirOf } from '../../server/domain/credentials/key-vault.ts';
import { rotateOrganisationKey } from '../../server/domain/credentials/key-management.ts';
import { fileKeyVault } from '../../server/domain/credentials/key-vault.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { rfcLeafHash, rfcVerifyInclusion } from '../helpers/rfc9162-verifier.ts';

describe('certificates: issuance, signatures, status', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let number: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    number = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).number;
  });
  after(() => registry.close());

  it('when a certificate is issued, then it is served with a VC 2.0 credential, status valid and a proof that verifies against the checkpoint', async () => {
    const res = await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200);
    assert.match(number, /^IRRU-IR-\d{4}-000001-\d$/);
    assert.equal(res.body.status, 'valid');
    assert.deepEqual(res.body.credential.type, ['DigitalConformityCredential', 'VerifiableCredential']);
    assert.equal(res.body.credential['@context'][0], 'https://www.w3.org/ns/credentials/v2');
    assert.equal(res.body.credential['@context'][1], 'https://vocabulary.uncefact.org/untp/0.7.0/context/');
    const [overall, ...clauses] = res.body.credential.credentialSubject.conformityAssessment;
    assert.equal(overall.assessedProduct[0].product.modelNumber, 'EX-5G Pro');
    assert.equal(overall.referenceStandard[0].standardCode, 'IRRU-UE');
    assert.equal(overall.conformance, true);
    assert.ok(clauses.length > 40);
    assert.ok(clauses.every((a: { outcome: string; conformance?: boolean }) => (a.outcome === 'passed' && a.conformance === true) || (a.outcome === 'inapplicable' && a.conformance === undefined)));
    assert.ok(clauses.some((a: { assessedPerformance: Array<{ measure?: { unit: string } }> }) => a.assessedPerformance.some((p) => p.measure?.unit === 'MMT')), 'a measured value in mm carries its Rec 20 code');
    assert.deepEqual(res.body.credential.localizedName.map((n: { '@language': string }) => n['@language']), ['en', 'ru', 'fa']);
    assert.match(res.body.credential.issuer.id, /^did:web:[^:]+:authorities:[0-9a-f-]{36}$/);
    assert.equal(Date.parse(res.body.credential.validUntil) - Date.parse(res.body.credential.validFrom) > 3 * 365 * 86_400_000, true);
    const proof = res.body.inclusionProof;
    assert.equal(proof.leafHash, rfcLeafHash(proof.entry).toString('hex'));
    assert.equal(JSON.parse(proof.entry).credentialHash, res.body.credentialHash);
    assert.ok(rfcVerifyInclusion(proof.leafIndex, proof.treeSize, proof.leafHash, proof.path, res.body.checkpoint.rootHash));
    const stored = await registry.store.certificates.get(number);
    assert.equal(stored?.jws, res.body.jws);
    assert.deepEqual((await registry.store.certificates.events(number)).map((e) => e.action), ['issued']);
    const audit = await registry.store.audit.list({ subject: `certificate:${number}`, limit: 10 });
    assert.deepEqual(audit.map((e) => e.action), ['certificate.issue']);
  });

  it('when the JWS is checked with jose and the published JWK Set alone, then it verifies, and one changed payload byte makes it fail', async () => {
    const jwks = (await request(registry.app).get('/.well-known/jwks.json').expect(200).expect('Content-Type', /jwk-set\+json/)).body;
    const { jws } = (await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200)).body;
    const keySet = createLocalJWKSet(jwks);
    const { payload, protectedHeader } = await compactVerify(jws, keySet);
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(protectedHeader.typ, 'vc+jwt');
    assert.equal(protectedHeader.cty, 'vc');
    const credential = JSON.parse(new TextDecoder().decode(payload));
    assert.equal(credential.credentialSubject.certificateNumber, number);
    assert.equal(protectedHeader.kid!.split('#')[0], credential.issuer.id, 'the kid is a DID URL of the issuer');
    assert.ok(jwks.keys.every((key: Record<string, unknown>) => Object.keys(key).every((member) => ['kty', 'crv', 'x', 'kid', 'alg', 'use'].includes(member))), 'standard JWK members only');
    const [header, body, signature] = jws.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[20] = bytes[20]! ^ 0x01;
    await assert.rejects(compactVerify(`${header}.${bytes.toString('base64url')}.${signature}`, keySet), /signature verification failed/);
    assert.ok(jwks.keys.every((key: Record<string, unknown>) => key.d === undefined));
  });

  it('when keys are created, then private keys are 0600 files under <dataDir>/keys and never in the store', async () => {
    const dir = keysDirOf(registry.dataDir);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = readdirSync(dir);
    assert.ok(files.length >= 1);
    for (const file of files) assert.equal(statSync(`${dir}/${file}`).mode & 0o777, 0o600);
    for (const key of await registry.store.signingKeys.list()) assert.equal((key.publicJwk as Record<string, unknown>).d, undefined);
  });

  it('when a regulator of another jurisdiction, a vendor or nobody tries to revoke, then 403/401 and nothing changes', async () => {
    const ru = await regulatorOf(registry, 'RU');
    const vendor = await registry.login('vendor');
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', ru.auth).send({ reason: 'not ours' }).expect(403);
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', vendor.auth).send({ reason: 'nope' }).expect(403);
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).send({ reason: 'nope' }).expect(401);
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({}).expect(400);
    assert.equal((await registry.store.certificates.events(number)).length, 1);
  });

  it('when suspended, reinstated, then revoked, then each step is a log leaf and an audit event, and revoked is final', async () => {
    const sizeBefore = await registry.store.transparencyLog.size();
    const suspended = await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'lab report under review' }).expect(200);
    assert.equal(suspended.body.status, 'suspended');
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'again' }).expect(409);
    await request(registry.app).post(`/api/v1/certificates/${number}/reinstate`).set('Authorization', ir.auth).send({ reason: 'report confirmed' }).expect(200);
    const revoked = await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', ir.auth).send({ reason: 'falsified test report' }).expect(200);
    assert.equal(revoked.body.status, 'revoked');
    assert.deepEqual(revoked.body.history.map((h: { action: string }) => h.action), ['issued', 'suspended', 'reinstated', 'revoked']);
    const problem = await request(registry.app).post(`/api/v1/certificates/${number}/reinstate`).set('Authorization', ir.auth).send({ reason: 'undo' }).expect(409);
    assert.equal(problem.body.state, 'revoked');
    assert.equal((await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200)).body.status, 'revoked');
    assert.equal(await registry.store.transparencyLog.size(), sizeBefore + 6);
    const all = (await registry.store.transparencyLog.leaves(sizeBefore, sizeBefore + 6)).map((leaf) => JSON.parse(leaf.entry));
    assert.deepEqual(all.map((e) => e.type), ['certificate.suspended', 'status-list.updated', 'certificate.reinstated', 'status-list.updated', 'certificate.revoked', 'status-list.updated']);
    const entries = all.filter((e) => e.type.startsWith('certificate.'));
    assert.deepEqual(entries.map((e) => e.status), ['suspended', 'valid', 'revoked']);
    assert.ok(entries.every((e) => Object.keys(e).sort().join() === 'at,credentialHash,number,status,type'));
    const audit = await registry.store.audit.list({ subject: `certificate:${number}`, limit: 10 });
    assert.deepEqual(audit.map((e) => e.action), ['certificate.issue', 'certificate.suspend', 'certificate.reinstate', 'certificate.revoke']);
    assert.equal((await registry.store.certificates.get(number))?.jws, suspended.body.jws);
  });

  it('when 50 approvals run concurrently, then they get 50 distinct, gapless numbers', async () => {
    const ru = await regulatorOf(registry, 'RU');
    const ctx = certificatesContextOf(registry);
    const inputs = await Promise.all(Array.from({ length: 50 }, () => issuanceInput(registry, ru.actor)));
    const issued = await Promise.all(inputs.map((input) => issueDirect(registry, ctx, input)));
    const sequences = issued.map((c) => c.sequence).sort((a, b) => a - b);
    assert.deepEqual(sequences, Array.from({ length: 50 }, (_, i) => i + 1));
    assert.equal(new Set(issued.map((c) => c.number)).size, 50);
    for (const c of issued) assert.ok(await registry.store.certificates.get(c.number));
  });

  it('when a failure is injected after the certificate is written, then no certificate, log leaf, audit event or number is kept', async () => {
    const ctx = certificatesContextOf(registry);
    const input = await issuanceInput(registry, ir.actor);
    const size = await registry.store.transparencyLog.size();
    const auditBefore = (await registry.store.audit.last())?.seq;
    let written: string | undefined;
    await assert.rejects(issueDirect(registry, ctx, input, async (tx) => {
      written = (await tx.certificates.listBySubmission(input.submissionId))[0]?.number;
      throw new Error('injected failure');
    }), /injected failure/);
    assert.ok(written, 'the certificate was written inside the transaction');
    assert.equal(await registry.store.certificates.get(written), null);
    assert.deepEqual(await registry.store.certificates.listBySubmission(input.submissionId), []);
    assert.equal(await registry.store.transparencyLog.size(), size);
    assert.equal((await registry.store.audit.last())?.seq, auditBefore);
    const next = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    assert.equal(next.number, written, 'the number was not consumed');
  });

  it('when the authority key is rotated, then old certificates still verify with the JWK Set and new ones use the new kid', async () => {
    const org = (await registry.store.organisations.get(ir.actor.orgId))!;
    const before = await registry.store.certificates.get(number);
    const rotated = await rotateOrganisationKey(registry.store, fileKeyVault(keysDirOf(registry.dataDir)), org.name);
    assert.equal(rotated.retired, before?.kid);
    const fresh = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor));
    assert.equal(fresh.kid, rotated.key.kid);
    const keySet = createLocalJWKSet((await request(registry.app).get('/.well-known/jwks.json').expect(200)).body);
    await compactVerify(before!.jws, keySet);
    await compactVerify(fresh.jws, keySet);
  });

  it('when the number is unknown, then 404 problem', async () => {
    const res = await request(registry.app).get('/api/v1/certificates/IRRU-IR-2020-000001-0').expect(404);
    assert.equal(res.body.code, 'not_found');
  });
});
