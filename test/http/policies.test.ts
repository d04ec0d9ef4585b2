import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { pdfBytes } from '../fixtures/upload-files.ts';
import { radioDocument } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, createSubmission, publishTestStandards } from '../helpers/submissions.ts';

interface EventBody {
  action: string;
  subject: string;
  summary: Record<string, unknown>;
}

describe('who may act on what, over HTTP', () => {
  let registry: TestRegistry;
  let owner: string;
  let ownerColleague: string;
  let otherIr: string;
  let ruRegulator: string;
  let vendor: string;
  let admin: string;
  before(async () => {
    registry = await startRegistry({ shipped: true });
    const authority = `IR authority ${randomUUID()}`;
    owner = (await registry.login('regulator', { org: authority, jurisdiction: 'IR' })).auth;
    ownerColleague = (await registry.login('regulator', { org: authority, jurisdiction: 'IR' })).auth;
    otherIr = (await registry.login('regulator', { jurisdiction: 'IR' })).auth;
    ruRegulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    vendor = (await registry.login('vendor')).auth;
    admin = (await registry.login('admin')).auth;
    await publishTestStandards(registry, owner);
  });
  after(() => registry.close());

  const post = (path: string, auth: string) => request(registry.app).post(`/api/v1${path}`).set('Authorization', auth);
  const lastSeq = async () => (await registry.store.audit.last())!.seq;
  const auditAs = async (auth: string, subject: string) =>
    (await request(registry.app).get(`/api/v1/audit?subject=${encodeURIComponent(subject)}&limit=100`).set('Authorization', auth).expect(200)).body.items as EventBody[];

  async function wholeTrailAs(auth: string): Promise<EventBody[]> {
    const events: EventBody[] = [];
    for (let cursor = ''; ;) {
      const page = (await request(registry.app).get(`/api/v1/audit?limit=100${cursor}`).set('Authorization', auth).expect(200)).body;
      events.push(...(page.items as EventBody[]));
      if (page.next === null) return events;
      cursor = `&cursor=${page.next}`;
    }
  }

  function assertProblem(res: request.Response, status: number, code: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.get('Content-Type') ?? '', /application\/problem\+json/);
    assert.equal(res.body.code, code);
  }

  it('when a regulator of another authority re-uploads, publishes or withdraws a draft, then 403 and the draft and the trail are unchanged', async () => {
    await post('/standards', owner).send(radioDocument('3.0.0')).expect(201);
    const before = await registry.store.standards.get('TEST-RADIO', '3.0.0');
    const seq = await lastSeq();
    const changed = { ...radioDocument('3.0.0'), category: 'hijacked' };
    for (const auth of [otherIr, ruRegulator]) {
      assertProblem(await post('/standards', auth).send(changed), 403, 'forbidden');
      assertProblem(await post('/standards/TEST-RADIO/3.0.0/publish', auth), 403, 'forbidden');
      assertProblem(await post('/standards/TEST-RADIO/3.0.0/withdraw', auth), 403, 'forbidden');
    }
    assertProblem(await post('/standards', ruRegulator).send(radioDocument('4.0.0')), 403, 'forbidden');
    assert.deepEqual(await registry.store.standards.get('TEST-RADIO', '3.0.0'), before);
    assert.equal(await registry.store.standards.get('TEST-RADIO', '4.0.0'), null);
    assert.equal(await lastSeq(), seq);
  });

  it('when a regulator of the owning authority replaces and publishes the draft, then it is accepted and the owner stays the same', async () => {
    const ownerOrg = (await registry.store.standards.get('TEST-RADIO', '1.0.0'))!.ownerOrgId;
    assert.ok(ownerOrg);
    await post('/standards', ownerColleague).send(radioDocument('3.1.0')).expect(201);
    await post('/standards/TEST-RADIO/3.1.0/publish', ownerColleague).expect(200);
    assert.equal((await registry.store.standards.get('TEST-RADIO', '3.1.0'))!.ownerOrgId, ownerOrg);
  });

  it('when a non-owner withdraws a published shared standard, then 403 and it stays published with no event', async () => {
    const seq = await lastSeq();
    for (const auth of [otherIr, ruRegulator, owner]) {
      assertProblem(await post('/standards/IRRU-UE/1.0.0/withdraw', auth), 403, 'forbidden');
    }
    assertProblem(await post('/standards/TEST-RADIO/3.1.0/withdraw', ruRegulator), 403, 'forbidden');
    assert.equal((await registry.store.standards.get('IRRU-UE', '1.0.0'))!.status, 'published');
    assert.equal((await registry.store.standards.get('IRRU-UE', '1.0.0'))!.ownerOrgId, null);
    assert.equal((await registry.store.standards.get('TEST-RADIO', '3.1.0'))!.status, 'published');
    assert.equal(await lastSeq(), seq);
    assertProblem(await post('/standards/IRRU-UE/1.0.0/withdraw', vendor), 403, 'forbidden');
    assertProblem(await request(registry.app).post('/api/v1/standards/IRRU-UE/1.0.0/withdraw'), 401, 'unauthenticated');
  });

  it('when a vendor\'s draft was never submitted, then no regulator sees its events, but an admin does', async () => {
    const { id } = await createSubmission(registry, vendor, { version: '1.0.0', jurisdictions: ['IR'] });
    await post(`/submissions/${id}/attachments`, vendor).field('kind', 'other').attach('file', pdfBytes, 'secret-prototype.pdf').expect(201);
    for (const auth of [owner, otherIr, ruRegulator]) {
      const events = await auditAs(auth, `submission:${id}`);
      assert.deepEqual(events, []);
      assert.ok(!JSON.stringify(await wholeTrailAs(auth)).includes('secret-prototype'));
    }
    assert.deepEqual((await auditAs(admin, `submission:${id}`)).map((e) => e.action), ['submission.create', 'attachment.upload']);
    assertProblem(await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', owner), 404, 'not_found');
  });

  it('when the draft is submitted later, then its regulators see events from the submission on, never the draft-time file names', async () => {
    const { id } = await createSubmission(registry, vendor, { version: '1.0.0', jurisdictions: ['IR'] });
    await post(`/submissions/${id}/attachments`, vendor).field('kind', 'other').attach('file', pdfBytes, 'draft-only.pdf').expect(201);
    await act(registry, vendor, id, 'submit').expect(200);
    const seen = await auditAs(otherIr, `submission:${id}`);
    assert.deepEqual(seen.map((e) => e.action), ['submission.submit']);
    assert.ok(!JSON.stringify(seen).includes('draft-only.pdf'));
    assert.deepEqual(await auditAs(ruRegulator, `submission:${id}`), []);
  });

  it('when a regulator of another jurisdiction reviews or decides, then 404 and the submission is unchanged', async () => {
    const { id } = await createSubmission(registry, vendor, { version: '1.0.0', jurisdictions: ['IR'] });
    await act(registry, vendor, id, 'submit').expect(200);
    const seq = await lastSeq();
    assertProblem(await act(registry, ruRegulator, id, 'review'), 404, 'not_found');
    assertProblem(await act(registry, ruRegulator, id, 'decision', { decision: 'approve' }), 404, 'not_found');
    assertProblem(await act(registry, vendor, id, 'review'), 403, 'forbidden');
    assert.equal((await registry.store.submissions.get(id))!.status, 'submitted');
    assert.equal(await lastSeq(), seq);
  });
});
