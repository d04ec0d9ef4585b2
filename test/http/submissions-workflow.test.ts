import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { failingRadioSpec, radioSpec } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, auditOf, createSubmission, product, publishTestStandards } from '../helpers/submissions.ts';

describe('submission review workflow over HTTP', () => {
  let registry: TestRegistry;
  let irRegulator: string;
  let ruRegulator: string;
  let vendor: string;
  let otherVendor: string;
  let customs: string;
  let admin: string;
  before(async () => {
    registry = await startRegistry();
    irRegulator = (await registry.login('regulator', { jurisdiction: 'IR' })).auth;
    ruRegulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    vendor = (await registry.login('vendor')).auth;
    otherVendor = (await registry.login('vendor')).auth;
    customs = (await registry.login('customs')).auth;
    admin = (await registry.login('admin')).auth;
    await publishTestStandards(registry, irRegulator);
  });
  after(() => registry.close());

  const status = async (id: string) => {
    const stored = (await registry.store.submissions.get(id))!;
    return { status: stored.status, tracks: Object.fromEntries(stored.tracks.map((t) => [t.jurisdiction, t.status])) };
  };
  const actions = async (id: string) => (await auditOf(registry, `submission:${id}`)).map((e) => e.action);

  it('when a non-conforming draft is submitted, then 422 not_conforming and it stays a draft', async () => {
    const { id } = await createSubmission(registry, vendor, { spec: failingRadioSpec });
    const res = await act(registry, vendor, id, 'submit').expect(422);
    assert.equal(res.body.code, 'not_conforming');
    assert.equal(res.body.revision, 1);
    assert.deepEqual(await status(id), { status: 'draft', tracks: { IR: 'draft' } });
    assert.deepEqual(await actions(id), ['submission.create']);
  });

  it('when a conforming draft is submitted, reviewed and approved, then each step is stored with its reviewer, decision and audit event', async () => {
    const { id } = await createSubmission(registry, vendor);
    assert.equal((await act(registry, vendor, id, 'submit').expect(200)).body.status, 'submitted');
    const review = await act(registry, irRegulator, id, 'review').set('X-Request-Id', 'review-req-1').expect(200);
    assert.equal(review.body.status, 'under_review');
    assert.ok(review.body.jurisdictions[0].reviewerId);
    const decided = await act(registry, irRegulator, id, 'decision', { decision: 'approve', comment: 'meets all clauses' }).expect(200);
    assert.equal(decided.body.status, 'approved');
    assert.equal(decided.body.jurisdictions[0].lastDecision.decision, 'approve');
    assert.deepEqual(await status(id), { status: 'approved', tracks: { IR: 'approved' } });
    const decisions = await registry.store.submissions.listDecisions(id);
    assert.deepEqual(decisions.map((d) => [d.jurisdiction, d.decision, d.revision, d.comment]), [['IR', 'approve', 1, 'meets all clauses']]);
    assert.deepEqual(await actions(id), ['submission.create', 'submission.submit', 'submission.review', 'submission.decision']);
    const reviewEvent = (await auditOf(registry, `submission:${id}`))[2]!;
    assert.equal(reviewEvent.requestId, 'review-req-1');
  });

  it('when changes are requested, then the vendor revises and resubmits, and the regulator can then reject with a comment', async () => {
    const { id } = await createSubmission(registry, vendor);
    await act(registry, vendor, id, 'submit').expect(200);
    await act(registry, irRegulator, id, 'review').expect(200);
    const noComment = await act(registry, irRegulator, id, 'decision', { decision: 'request_changes' }).expect(400);
    assert.equal(noComment.body.code, 'validation_failed');
    await act(registry, irRegulator, id, 'decision', { decision: 'request_changes', comment: 'add the DFS declaration' }).expect(200);
    assert.deepEqual(await status(id), { status: 'changes_requested', tracks: { IR: 'changes_requested' } });
    const seen = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor).expect(200);
    assert.equal(seen.body.decisions[0].comment, 'add the DFS declaration');
    await request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', vendor).set('If-Match', '"1"')
      .send({ product: product({ firmwareVersion: '2.0' }), spec: radioSpec({ power: 18, wifi5: true, dfs: true }, { firmwareVersion: '2.0' }) }).expect(200);
    assert.equal((await act(registry, vendor, id, 'submit').expect(200)).body.status, 'submitted');
    await act(registry, irRegulator, id, 'review').expect(200);
    await act(registry, irRegulator, id, 'decision', { decision: 'reject', comment: 'label is missing' }).expect(200);
    assert.deepEqual(await status(id), { status: 'rejected', tracks: { IR: 'rejected' } });
    const decisions = await registry.store.submissions.listDecisions(id);
    assert.deepEqual(decisions.map((d) => [d.decision, d.revision]), [['request_changes', 1], ['reject', 2]]);
  });

  it('when a transition is not allowed, then 409 names the current state and nothing changes', async () => {
    const { id } = await createSubmission(registry, vendor);
    await act(registry, vendor, id, 'submit').expect(200);
    const twice = await act(registry, vendor, id, 'submit').expect(409);
    assert.equal(twice.body.code, 'invalid_state');
    assert.equal(twice.body.state, 'submitted');
    assert.equal((await act(registry, irRegulator, id, 'decision', { decision: 'approve' }).expect(409)).body.state, 'submitted');
    await act(registry, irRegulator, id, 'review').expect(200);
    assert.equal((await act(registry, irRegulator, id, 'review').expect(409)).body.state, 'under_review');
    assert.equal((await act(registry, vendor, id, 'withdraw').expect(409)).body.state, 'under_review');
    await act(registry, irRegulator, id, 'decision', { decision: 'approve' }).expect(200);
    assert.equal((await act(registry, irRegulator, id, 'decision', { decision: 'reject', comment: 'no' }).expect(409)).body.state, 'approved');
    assert.equal((await act(registry, vendor, id, 'submit').expect(409)).body.state, 'approved');
    assert.equal((await act(registry, vendor, id, 'withdraw').expect(409)).body.state, 'approved');
    assert.deepEqual(await status(id), { status: 'approved', tracks: { IR: 'approved' } });
    assert.equal((await registry.store.submissions.listDecisions(id)).length, 1);
    assert.deepEqual(await actions(id), ['submission.create', 'submission.submit', 'submission.review', 'submission.decision']);
  });

  it('when a vendor withdraws from draft, submitted or changes_requested, then it is withdrawn for good', async () => {
    const draft = await createSubmission(registry, vendor);
    assert.equal((await act(registry, vendor, draft.id, 'withdraw').expect(200)).body.status, 'withdrawn');
    assert.equal((await act(registry, vendor, draft.id, 'submit').expect(409)).body.state, 'withdrawn');
    assert.equal((await act(registry, vendor, draft.id, 'withdraw').expect(409)).body.state, 'withdrawn');
    await request(registry.app).put(`/api/v1/submissions/${draft.id}`).set('Authorization', vendor).send({ product: product(), spec: {} }).expect(409);
    await act(registry, irRegulator, draft.id, 'review').expect(404);
    const submitted = await createSubmission(registry, vendor);
    await act(registry, vendor, submitted.id, 'submit').expect(200);
    await act(registry, vendor, submitted.id, 'withdraw').expect(200);
    assert.equal((await act(registry, irRegulator, submitted.id, 'review').expect(409)).body.state, 'withdrawn');
    const changes = await createSubmission(registry, vendor);
    await act(registry, vendor, changes.id, 'submit').expect(200);
    await act(registry, irRegulator, changes.id, 'review').expect(200);
    await act(registry, irRegulator, changes.id, 'decision', { decision: 'request_changes', comment: 'x' }).expect(200);
    await act(registry, vendor, changes.id, 'withdraw').expect(200);
    assert.deepEqual(await status(changes.id), { status: 'withdrawn', tracks: { IR: 'withdrawn' } });
  });

  it('when a submission seeks IR and RU approval, then each jurisdiction reviews and decides its own track', async () => {
    const { id } = await createSubmission(registry, vendor, { jurisdictions: ['RU', 'IR'] });
    await act(registry, vendor, id, 'submit').expect(200);
    assert.deepEqual(await status(id), { status: 'submitted', tracks: { IR: 'submitted', RU: 'submitted' } });
    const irView = await act(registry, irRegulator, id, 'review').expect(200);
    assert.deepEqual(irView.body.jurisdictions.map((j: { jurisdiction: string }) => j.jurisdiction), ['IR']);
    assert.deepEqual(await status(id), { status: 'under_review', tracks: { IR: 'under_review', RU: 'submitted' } });
    await act(registry, irRegulator, id, 'decision', { decision: 'approve' }).expect(200);
    assert.deepEqual(await status(id), { status: 'submitted', tracks: { IR: 'approved', RU: 'submitted' } });
    await act(registry, ruRegulator, id, 'review').expect(200);
    await act(registry, ruRegulator, id, 'decision', { decision: 'request_changes', comment: 'Russian label' }).expect(200);
    assert.deepEqual(await status(id), { status: 'changes_requested', tracks: { IR: 'approved', RU: 'changes_requested' } });
    await request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', vendor).send({ product: product(), spec: radioSpec({ power: 10 }) }).expect(200);
    await act(registry, vendor, id, 'submit').expect(200);
    assert.deepEqual(await status(id), { status: 'submitted', tracks: { IR: 'approved', RU: 'submitted' } });
    assert.equal((await act(registry, irRegulator, id, 'review').expect(409)).body.state, 'approved');
    await act(registry, ruRegulator, id, 'review').expect(200);
    await act(registry, ruRegulator, id, 'decision', { decision: 'approve' }).expect(200);
    assert.deepEqual(await status(id), { status: 'approved', tracks: { IR: 'approved', RU: 'approved' } });
    const ruSees = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', ruRegulator).expect(200);
    assert.deepEqual(ruSees.body.decisions.map((d: { jurisdiction: string; decision: string }) => [d.jurisdiction, d.decision]), [['RU', 'request_changes'], ['RU', 'approve']]);
    const vendorSees = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor).expect(200);
    assert.equal(vendorSees.body.decisions.length, 3);
  });

  it('when a regulator of another jurisdiction acts on a submission, then 404 as if it did not exist', async () => {
    const { id } = await createSubmission(registry, vendor, { jurisdictions: ['IR'] });
    await act(registry, vendor, id, 'submit').expect(200);
    await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', ruRegulator).expect(404);
    await act(registry, ruRegulator, id, 'review').expect(404);
    await act(registry, irRegulator, id, 'review').expect(200);
    await act(registry, ruRegulator, id, 'decision', { decision: 'approve' }).expect(404);
    assert.deepEqual(await status(id), { status: 'under_review', tracks: { IR: 'under_review' } });
  });

  it('when a role that may not act calls a workflow route, then 401, 403 or 404 and nothing changes', async () => {
    const { id } = await createSubmission(registry, vendor);
    for (const action of ['submit', 'withdraw']) {
      await request(registry.app).post(`/api/v1/submissions/${id}/${action}`).expect(401);
      for (const auth of [irRegulator, customs, admin]) await act(registry, auth, id, action).expect(403);
      await act(registry, otherVendor, id, action).expect(404);
    }
    await act(registry, vendor, id, 'submit').expect(200);
    for (const [action, body] of [['review', undefined], ['decision', { decision: 'approve' }]] as const) {
      await request(registry.app).post(`/api/v1/submissions/${id}/${action}`).send(body ?? {}).expect(401);
      for (const auth of [vendor, customs, admin]) await act(registry, auth, id, action, body).expect(403);
    }
    assert.deepEqual(await status(id), { status: 'submitted', tracks: { IR: 'submitted' } });
    await act(registry, vendor, '00000000-0000-4000-8000-000000000000', 'submit').expect(404);
  });

  it('when a decision body is malformed, unknown or of the wrong type, then 400 or 415 and the track stays under review', async () => {
    const { id } = await createSubmission(registry, vendor);
    await act(registry, vendor, id, 'submit').expect(200);
    await act(registry, irRegulator, id, 'review').expect(200);
    await act(registry, irRegulator, id, 'decision', { decision: 'maybe', comment: 'x' }).expect(400);
    await act(registry, irRegulator, id, 'decision', { decision: 'approve', stamp: true }).expect(400);
    await act(registry, irRegulator, id, 'decision', { decision: 'reject', comment: '' }).expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', irRegulator).set('Content-Type', 'application/json').send('{"decision":').expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', irRegulator).set('Content-Type', 'text/plain').send('approve').expect(415);
    assert.deepEqual(await status(id), { status: 'under_review', tracks: { IR: 'under_review' } });
    assert.equal((await registry.store.submissions.listDecisions(id)).length, 0);
  });

  // Runs last: it withdraws the test standard.
  it('when the standard version is withdrawn after the draft was made, then submitting is refused with 409', async () => {
    const { id } = await createSubmission(registry, vendor);
    // Only the owning authority (the regulator who published it) may withdraw it.
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.0.0/withdraw').set('Authorization', irRegulator).expect(200);
    const res = await act(registry, vendor, id, 'submit').expect(409);
    assert.equal(res.body.code, 'conflict');
    assert.deepEqual(await status(id), { status: 'draft', tracks: { IR: 'draft' } });
  });
});
