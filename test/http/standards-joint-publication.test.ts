import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import request from 'supertest';
import type { DidDocument } from '../../server/domain/identities/did-documents.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

/** A small standard document (one clause on an integer); `limit` changes its content, and so its hash. */
function standardDocument(code: string, version: string, limit = 23, extra: Record<string, unknown> = {}) {
  return {
    code, version, category: 'mobile-ue', ...extra,
    title: { en: `Joint ${code}`, ru: `Совместный ${code}`, fa: `مشترک ${code}` },
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:${code}:${version}`, type: 'object',
      properties: { power: { 'x-clause': '5.1', 'x-title': { en: 'Power', ru: 'Мощность', fa: 'توان' }, type: 'number', maximum: limit } },
    },
  };
}

interface ApprovalBody {
  id: string;
  jurisdiction: string;
  authority: { id: string; did: string; name: string };
  contentHash: string;
  approvedAt: string;
  standing: boolean;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  approvalHash: string;
  jws: string;
}

describe('joint publication of a standard shared between IR and RU, over HTTP', () => {
  let registry: TestRegistry;
  let owner: string;
  let ownerOrg: string;
  let otherIr: string;
  let ru: string;
  let ruOrg: string;
  let vendor: string;
  let customs: string;

  before(async () => {
    registry = await startRegistry();
    const ir = await registry.login('regulator', { org: 'Communications Regulatory Authority (joint test)', jurisdiction: 'IR' });
    owner = ir.auth;
    ownerOrg = ir.user.orgId;
    otherIr = (await registry.login('regulator', { org: 'Another IR authority (joint test)', jurisdiction: 'IR' })).auth;
    const russian = await registry.login('regulator', { org: 'Roskomnadzor (joint test)', jurisdiction: 'RU' });
    ru = russian.auth;
    ruOrg = russian.user.orgId;
    vendor = (await registry.login('vendor')).auth;
    customs = (await registry.login('customs')).auth;
  });
  after(() => registry.close());

  const api = () => request(registry.app);
  const upload = (doc: unknown, auth = owner) => api().post('/api/v1/standards').set('Authorization', auth).send(doc as object);
  const approve = (code: string, version: string, contentHash: string, auth: string) =>
    api().post(`/api/v1/standards/${code}/${version}/approve`).set('Authorization', auth).send({ contentHash });
  const withdraw = (code: string, version: string, auth: string) => api().post(`/api/v1/standards/${code}/${version}/approval/withdraw`).set('Authorization', auth);
  const approvals = async (code: string, version: string) => (await api().get(`/api/v1/standards/${code}/${version}/approvals`).expect(200)).body;
  const events = async (subject: string) => registry.store.audit.list({ subject, limit: 100 });
  const lastSeq = async () => (await registry.store.audit.last())!.seq;

  function assertProblem(res: request.Response, status: number, code: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.get('Content-Type') ?? '', /application\/problem\+json/);
    assert.equal(res.body.code, code);
  }

  it('when a shared draft is approved by IR only, then it stays a draft waiting for RU, and its owner cannot publish it alone', async () => {
    const hash = (await upload(standardDocument('TEST-JOINT', '1.0.0', 23, { shared: true })).expect(201)).body.contentHash as string;
    const fresh = await approvals('TEST-JOINT', '1.0.0');
    assert.deepEqual([fresh.shared, fresh.jurisdictions, fresh.missing, fresh.approvals], [true, ['IR', 'RU'], ['IR', 'RU'], []]);
    assertProblem(await api().post('/api/v1/standards/TEST-JOINT/1.0.0/publish').set('Authorization', owner), 409, 'invalid_state');

    const logSize = await registry.store.transparencyLog.size();
    const res = await approve('TEST-JOINT', '1.0.0', hash, owner).expect(201);
    assert.equal(res.headers.location, '/api/v1/standards/TEST-JOINT/1.0.0/approvals');
    assert.equal(res.body.approval.jurisdiction, 'IR');
    assert.equal(res.body.approval.authority.name, 'Communications Regulatory Authority (joint test)');
    assert.equal(res.body.approval.contentHash, hash);
    assert.equal(res.body.leafIndex, null);
    assert.deepEqual([res.body.standard.status, res.body.standard.missing], ['draft', ['RU']]);
    assert.equal((await registry.store.standards.get('TEST-JOINT', '1.0.0'))?.status, 'draft');
    assert.equal(await registry.store.transparencyLog.size(), logSize, 'no log entry before publication');
    const stored = await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.0.0');
    assert.deepEqual(stored.map((a) => [a.jurisdiction, a.orgId, a.contentHash, a.withdrawnAt]), [['IR', ownerOrg, hash, null]]);
    const audited = (await events('standard:TEST-JOINT@1.0.0')).filter((e) => e.action === 'standard.approve');
    assert.deepEqual(audited.map((e) => [e.summary.jurisdiction, e.summary.contentHash, e.summary.published]), [['IR', hash, false]]);

    assertProblem(await approve('TEST-JOINT', '1.0.0', hash, otherIr), 409, 'conflict');
    assert.equal((await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.0.0')).length, 1, 'one approval per jurisdiction');
  });

  it('when RU approves the same hash, then the version is published in that transaction with a standard.published log entry', async () => {
    const hash = (await registry.store.standards.get('TEST-JOINT', '1.0.0'))!.contentHash;
    const logSize = await registry.store.transparencyLog.size();
    const res = await approve('TEST-JOINT', '1.0.0', hash, ru).expect(201);
    assert.equal(res.body.standard.status, 'published');
    assert.deepEqual(res.body.standard.missing, []);
    assert.equal(res.body.leafIndex, logSize);
    const record = (await registry.store.standards.get('TEST-JOINT', '1.0.0'))!;
    assert.equal(record.status, 'published');

    const status = await approvals('TEST-JOINT', '1.0.0');
    assert.deepEqual(status.approvals.map((a: ApprovalBody) => [a.jurisdiction, a.standing, a.contentHash]), [['IR', true, hash], ['RU', true, hash]]);
    const [leaf] = await registry.store.transparencyLog.leaves(logSize, logSize + 1);
    assert.deepEqual(JSON.parse(leaf!.entry), {
      type: 'standard.published', code: 'TEST-JOINT', version: '1.0.0', contentHash: hash,
      approvals: status.approvals.map((a: ApprovalBody) => a.approvalHash), at: record.publishedAt,
    });
    const actions = (await events('standard:TEST-JOINT@1.0.0')).map((e) => e.action);
    assert.deepEqual(actions.slice(-3), ['standard.approve', 'standard.publish', 'standard.approve']);
    const last = (await events('standard:TEST-JOINT@1.0.0')).at(-1)!;
    assert.deepEqual([last.orgId, last.summary.jurisdiction, last.summary.published, last.summary.leafIndex], [ruOrg, 'RU', true, logSize]);
  });

  it('when an approval is read, then its signature verifies with the approving authority\'s DID document and signs exactly what is shown', async () => {
    const status = await approvals('TEST-JOINT', '1.0.0');
    for (const approval of status.approvals as ApprovalBody[]) {
      const header = decodeProtectedHeader(approval.jws);
      assert.equal(header.typ, 'irru-standard-approval+jwt');
      assert.equal(header.kid!.split('#')[0], approval.authority.did);
      const did = await api().get(`/authorities/${approval.authority.id}/did.json`).expect(200);
      const method = (did.body as DidDocument).verificationMethod.find((m) => m.id === header.kid)!;
      assert.ok(method, 'the kid is in the authority\'s DID document');
      const { payload } = await compactVerify(approval.jws, await importJWK({ ...method.publicKeyJwk, alg: 'EdDSA' }, 'EdDSA'));
      assert.equal(createHash('sha256').update(payload).digest('hex'), approval.approvalHash);
      const claims = JSON.parse(new TextDecoder().decode(payload));
      assert.deepEqual(claims, {
        iss: approval.authority.did, code: 'TEST-JOINT', version: '1.0.0', contentHash: status.contentHash, jurisdiction: approval.jurisdiction,
        approvedAt: approval.approvedAt, approver: { id: approval.authority.did, name: approval.authority.name },
      });
    }
    const tampered = status.approvals[0].jws.replace(/\.[^.]+\./, `.${Buffer.from('{"contentHash":"0"}').toString('base64url')}.`);
    const did = (await api().get(`/authorities/${status.approvals[0].authority.id}/did.json`).expect(200)).body as DidDocument;
    await assert.rejects(compactVerify(tampered, await importJWK({ ...did.verificationMethod[0]!.publicKeyJwk, alg: 'EdDSA' }, 'EdDSA')));
  });

  it('when an authority withdraws its approval after publication, then 409 and the approval stands', async () => {
    const seq = await lastSeq();
    assertProblem(await withdraw('TEST-JOINT', '1.0.0', owner), 409, 'invalid_state');
    assert.deepEqual((await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.0.0')).map((a) => a.withdrawnAt), [null, null]);
    assert.equal(await lastSeq(), seq);
  });

  it('when the draft was replaced since it was read, then approving the old hash is 409 with the current hash, and nothing is stored', async () => {
    const first = (await upload(standardDocument('TEST-JOINT', '1.1.0', 23)).expect(201)).body.contentHash as string;
    await approve('TEST-JOINT', '1.1.0', first, owner).expect(201);
    const replaced = (await upload(standardDocument('TEST-JOINT', '1.1.0', 20)).expect(201)).body.contentHash as string;
    assert.notEqual(replaced, first);
    const cleared = await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.1.0');
    assert.deepEqual(cleared.map((a) => [a.contentHash, a.withdrawnReason]), [[first, 'replaced']], 'the replaced draft\'s approval no longer counts');
    assert.deepEqual((await events('standard:TEST-JOINT@1.1.0')).map((e) => e.action), ['standard.upload', 'standard.approve', 'standard.approval.clear', 'standard.upload']);
    assert.deepEqual((await approvals('TEST-JOINT', '1.1.0')).missing, ['IR', 'RU']);

    const seq = await lastSeq();
    const stale = await approve('TEST-JOINT', '1.1.0', first, ru);
    assertProblem(stale, 409, 'conflict');
    assert.equal(stale.body.currentContentHash, replaced);
    assert.equal((await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.1.0')).length, 1);
    assert.equal(await lastSeq(), seq);
    assert.equal((await registry.store.standards.get('TEST-JOINT', '1.1.0'))?.status, 'draft');
  });

  it('when an authority withdraws its approval before publication, then it stops counting, the other approval alone does not publish, and only its own authority may withdraw it', async () => {
    const hash = (await registry.store.standards.get('TEST-JOINT', '1.1.0'))!.contentHash;
    await approve('TEST-JOINT', '1.1.0', hash, owner).expect(201);
    assertProblem(await withdraw('TEST-JOINT', '1.1.0', otherIr), 403, 'forbidden');
    assertProblem(await withdraw('TEST-JOINT', '1.1.0', ru), 409, 'invalid_state');
    const res = await withdraw('TEST-JOINT', '1.1.0', owner).expect(200);
    assert.deepEqual(res.body.missing, ['IR', 'RU']);
    const withdrawn = (await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.1.0')).at(-1)!;
    assert.equal(withdrawn.withdrawnReason, 'withdrawn');
    assert.ok(withdrawn.withdrawnAt);
    assert.equal((await events('standard:TEST-JOINT@1.1.0')).at(-1)!.action, 'standard.approval.withdraw');

    const logSize = await registry.store.transparencyLog.size();
    const ruOnly = await approve('TEST-JOINT', '1.1.0', hash, ru).expect(201);
    assert.deepEqual([ruOnly.body.standard.status, ruOnly.body.standard.missing], ['draft', ['IR']]);
    assert.equal(await registry.store.transparencyLog.size(), logSize);
  });

  it('when a vendor, a customs officer or nobody approves or withdraws, then 403 or 401 and nothing is stored', async () => {
    const hash = (await registry.store.standards.get('TEST-JOINT', '1.1.0'))!.contentHash;
    const before = await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.1.0');
    for (const auth of [vendor, customs]) {
      assertProblem(await approve('TEST-JOINT', '1.1.0', hash, auth), 403, 'forbidden');
      assertProblem(await withdraw('TEST-JOINT', '1.1.0', auth), 403, 'forbidden');
    }
    assertProblem(await api().post('/api/v1/standards/TEST-JOINT/1.1.0/approve').send({ contentHash: hash }), 401, 'unauthenticated');
    assert.deepEqual(await registry.store.standardApprovals.listForVersion('TEST-JOINT', '1.1.0'), before);
  });

  it('when the body is not a content hash, or the version does not exist, then 400 or 404', async () => {
    const bad = await approve('TEST-JOINT', '1.1.0', 'not-a-hash', owner);
    assertProblem(bad, 400, 'validation_failed');
    assert.equal(bad.body.errors[0].path, '/contentHash');
    assertProblem(await approve('TEST-JOINT', '9.9.9', 'a'.repeat(64), owner), 404, 'not_found');
    assertProblem(await api().get('/api/v1/standards/TEST-JOINT/9.9.9/approvals'), 404, 'not_found');
  });

  it('when a later version tries to change whether the code is shared, then 409 and nothing is stored', async () => {
    assertProblem(await upload(standardDocument('TEST-JOINT', '2.0.0', 23, { shared: false })), 409, 'conflict');
    assert.equal(await registry.store.standards.get('TEST-JOINT', '2.0.0'), null);
  });

  it('when a standard of one jurisdiction is uploaded, then its owner publishes it alone as before, with no log entry, and approving it is refused', async () => {
    const hash = (await upload(standardDocument('TEST-SINGLE', '1.0.0')).expect(201)).body.contentHash as string;
    assert.equal(await registry.store.standardApprovals.sharingOf('TEST-SINGLE'), null);
    assertProblem(await approve('TEST-SINGLE', '1.0.0', hash, ru), 409, 'invalid_state');
    const logSize = await registry.store.transparencyLog.size();
    const res = await api().post('/api/v1/standards/TEST-SINGLE/1.0.0/publish').set('Authorization', owner).expect(200);
    assert.equal(res.body.status, 'published');
    assert.equal(await registry.store.transparencyLog.size(), logSize);
    const status = await approvals('TEST-SINGLE', '1.0.0');
    assert.deepEqual([status.shared, status.approvals, status.missing], [false, [], []]);
    assertProblem(await upload(standardDocument('TEST-SINGLE', '1.1.0', 23, { shared: true })), 409, 'conflict');
  });
});

describe('stored approvals in the embedded store', () => {
  it('when any code tries to alter a signed approval, delete it, withdraw it twice or unshare a code, then the database refuses', async () => {
    const registry = await startRegistry();
    try {
      const ir = await registry.login('regulator', { jurisdiction: 'IR' });
      const hash = (await request(registry.app).post('/api/v1/standards').set('Authorization', ir.auth).send(standardDocument('TEST-LOCKED', '1.0.0', 23, { shared: true })).expect(201)).body.contentHash as string;
      await request(registry.app).post('/api/v1/standards/TEST-LOCKED/1.0.0/approve').set('Authorization', ir.auth).send({ contentHash: hash }).expect(201);
      await request(registry.app).post('/api/v1/standards/TEST-LOCKED/1.0.0/approval/withdraw').set('Authorization', ir.auth).expect(200);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(`${registry.dataDir}/registry.sqlite`);
      try {
        assert.throws(() => db.prepare("UPDATE standard_approvals SET content_hash = 'x'").run(), /a signed approval never changes/);
        assert.throws(() => db.prepare("UPDATE standard_approvals SET withdrawn_at = 'later', withdrawn_reason = 'withdrawn'").run(), /withdrawn once/);
        assert.throws(() => db.prepare('DELETE FROM standard_approvals').run(), /never deleted/);
        assert.throws(() => db.prepare('DELETE FROM standard_sharing').run(), /stays shared/);
      } finally {
        db.close();
      }
      const [approval] = await registry.store.standardApprovals.listForVersion('TEST-LOCKED', '1.0.0');
      assert.deepEqual([approval?.contentHash, approval?.withdrawnReason], [hash, 'withdrawn']);
    } finally {
      await registry.close();
    }
  });
});
