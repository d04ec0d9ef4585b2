import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { verifyAuditTrail } from '../../server/domain/audit/verify-trail.ts';
import { auditEventHash } from '../../server/domain/audit/audit-event.ts';
import { radioDocument } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, createSubmission, publishTestStandards } from '../helpers/submissions.ts';

interface EventBody {
  seq: number;
  action: string;
  subject: string;
  actorId: string;
  orgId: string;
  requestId: string | null;
  prevHash: string;
  hash: string;
  summary: Record<string, unknown>;
}

describe('the audit trail over HTTP', () => {
  let registry: TestRegistry;
  let regulator: string;
  let regulatorId: string;
  let regulatorOrg: string;
  let ruRegulator: string;
  let vendor: string;
  let customs: string;
  let admin: string;
  before(async () => {
    registry = await startRegistry();
    const reg = await registry.login('regulator');
    regulator = reg.auth;
    regulatorId = reg.user.id;
    regulatorOrg = reg.user.orgId;
    ruRegulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    vendor = (await registry.login('vendor')).auth;
    customs = (await registry.login('customs')).auth;
    admin = (await registry.login('admin')).auth;
    await publishTestStandards(registry, regulator);
  });
  after(() => registry.close());

  // The first test supersedes 1.0.0 and withdraws 2.0.0, so later submissions name 1.0.0 (superseded versions stay checkable).
  const audit = (query: string, auth = admin) => request(registry.app).get(`/api/v1/audit${query}`).set('Authorization', auth);

  it('when standards are uploaded, published, superseded and withdrawn, then each step is an event on standard:CODE@VERSION with actor and request id', async () => {
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).set('X-Request-Id', 'upload-2').send(radioDocument('2.0.0')).expect(201);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/2.0.0/publish').set('Authorization', regulator).expect(200);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/2.0.0/withdraw').set('Authorization', regulator).expect(200);
    const v2 = (await audit('?subject=standard:TEST-RADIO@2.0.0', regulator).expect(200)).body.items as EventBody[];
    assert.deepEqual(v2.map((e) => e.action), ['standard.upload', 'standard.publish', 'standard.withdraw']);
    assert.equal(v2[0]!.requestId, 'upload-2');
    assert.equal(v2[0]!.actorId, regulatorId);
    assert.equal(v2[0]!.orgId, regulatorOrg);
    const v1 = (await audit('?subject=standard:TEST-RADIO@1.0.0').expect(200)).body.items as EventBody[];
    assert.deepEqual(v1.map((e) => e.action), ['standard.upload', 'standard.publish', 'standard.supersede']);
  });

  it('when a user is created, then a user.create event records the account without its token', async () => {
    const { user, token } = await registry.login('vendor', { org: 'Audited Vendor' });
    const [event] = (await audit(`?subject=user:${user.id}`).expect(200)).body.items as EventBody[];
    assert.equal(event!.action, 'user.create');
    assert.equal(event!.summary.email, user.email);
    assert.equal(event!.summary.organisationCreated, true);
    assert.doesNotMatch(JSON.stringify(event), new RegExp(token));
  });

  it('when a submission goes through its life, then its events are chained, sequenced, hashed over canonical JSON and listed in pages', async () => {
    const { id } = await createSubmission(registry, vendor, { version: '1.0.0' });
    await act(registry, vendor, id, 'submit').expect(200);
    await act(registry, regulator, id, 'review').set('X-Request-Id', 'rv-7').expect(200);
    await act(registry, regulator, id, 'decision', { decision: 'approve' }).expect(200);
    const all = (await audit(`?subject=submission:${id}`).expect(200)).body.items as EventBody[];
    assert.deepEqual(all.map((e) => e.action), ['submission.create', 'submission.submit', 'submission.review', 'submission.decision']);
    // The draft-time event stays the vendor's and the admins': a regulator's view starts at the submission.
    const seen = (await audit(`?subject=submission:${id}`, regulator).expect(200)).body.items as EventBody[];
    assert.deepEqual(seen.map((e) => e.action), ['submission.submit', 'submission.review', 'submission.decision']);
    assert.equal(all[2]!.requestId, 'rv-7');
    for (const event of all) assert.equal(auditEventHash(event as never), event.hash);
    const stored = await registry.store.audit.list({ afterSeq: all[3]!.seq - 1, limit: 1 });
    assert.equal(stored[0]!.prevHash, (await registry.store.audit.list({ afterSeq: all[3]!.seq - 2, limit: 1 }))[0]!.hash);
    const first = await audit(`?subject=submission:${id}&limit=3`).expect(200);
    assert.equal(first.body.items.length, 3);
    const second = await audit(`?subject=submission:${id}&limit=3&cursor=${first.body.next}`).expect(200);
    assert.deepEqual(second.body.items.map((e: EventBody) => e.action), ['submission.decision']);
    assert.equal(second.body.next, null);
    const verified = await verifyAuditTrail(registry.store.audit, 7);
    assert.equal(verified.ok, true);
  });

  it('when an action fails, then no audit event is appended', async () => {
    const { id } = await createSubmission(registry, vendor, { version: '1.0.0' });
    const last = (await registry.store.audit.last())!.seq;
    await act(registry, vendor, id, 'withdraw').expect(200);
    await act(registry, vendor, id, 'withdraw').expect(409);
    await act(registry, vendor, id, 'submit').expect(409);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/9.9.9/publish').set('Authorization', regulator).expect(404);
    assert.equal((await registry.store.audit.last())!.seq, last + 1);
  });

  it('when a regulator of another jurisdiction reads the trail, then the submission\'s events are not there but the standards\' are', async () => {
    const { id } = await createSubmission(registry, vendor, { jurisdictions: ['IR'], version: '1.0.0' });
    assert.deepEqual((await audit(`?subject=submission:${id}`, ruRegulator).expect(200)).body.items, []);
    assert.equal((await audit(`?subject=submission:${id}`).expect(200)).body.items.length, 1);
    assert.ok((await audit('?subject=standard:TEST-RADIO@1.0.0', ruRegulator).expect(200)).body.items.length > 0);
    const everything = (await audit('?limit=100', ruRegulator).expect(200)).body.items as EventBody[];
    assert.ok(everything.every((e) => !e.subject.startsWith('submission:')));
  });

  it('when vendors, customs officers or anonymous callers read the trail, or parameters are wrong, then 403, 401 or 400', async () => {
    await audit('', vendor).expect(403);
    await audit('', customs).expect(403);
    await request(registry.app).get('/api/v1/audit').expect(401);
    await audit('?cursor=%%%').expect(400);
    await audit('?cursor=eyJwIjotMX0').expect(400);
    await audit('?limit=1000').expect(400);
    await audit('?subject=a&action=x').expect(400);
  });
});
