import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { closeApp, createApp } from '../../server/app.ts';
import { appendAudit } from '../../server/domain/audit/append.ts';
import type { ApprovalEvent, OnApproved } from '../../server/domain/submissions/index.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { auditOf, createSubmission, publishTestStandards } from '../helpers/submissions.ts';

describe('the onApproved hook runs inside the approval transaction', () => {
  let registry: TestRegistry;
  let app: Express;
  let regulator: string;
  let vendor: string;
  let hook: OnApproved = async () => undefined;
  before(async () => {
    registry = await startRegistry();
    app = createApp({ config: registry.config, store: registry.store, engine: registry.engine, hooks: { onApproved: (tx, event) => hook(tx, event) } });
    regulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    vendor = (await registry.login('vendor')).auth;
    await publishTestStandards(registry, regulator);
  });
  after(async () => {
    await closeApp(app);
    await registry.close();
  });

  async function underReview(): Promise<string> {
    const { id } = await createSubmission(registry, vendor, { jurisdictions: ['RU'] });
    await request(app).post(`/api/v1/submissions/${id}/submit`).set('Authorization', vendor).expect(200);
    await request(app).post(`/api/v1/submissions/${id}/review`).set('Authorization', regulator).expect(200);
    return id;
  }
  const approve = (id: string) => request(app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', regulator).set('X-Request-Id', 'approve-1').send({ decision: 'approve' });

  it('when approval succeeds, then the hook sees the approved submission in the transaction and its writes commit with it', async () => {
    const id = await underReview();
    const calls: ApprovalEvent[] = [];
    hook = async (tx, event) => {
      calls.push(event);
      assert.equal((await tx.submissions.get(id))?.status, 'approved');
      await appendAudit(tx, { actor: event.actor, requestId: event.requestId }, { action: 'certificate.issue', subject: `submission:${id}`, summary: { revision: event.revision.number } });
    };
    await approve(id).expect(200);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.jurisdiction, 'RU');
    assert.equal(calls[0]!.revision.number, 1);
    assert.equal(calls[0]!.submission.status, 'approved');
    assert.equal(calls[0]!.actor.role, 'regulator');
    assert.equal(calls[0]!.requestId, 'approve-1');
    assert.deepEqual((await auditOf(registry, `submission:${id}`)).slice(-2).map((e) => e.action), ['submission.decision', 'certificate.issue']);
  });

  it('when the hook throws, then the approval, the decision and every audit event roll back together', async () => {
    const id = await underReview();
    const eventsBefore = (await registry.store.audit.last())!.seq;
    hook = async (tx, event) => {
      await appendAudit(tx, { actor: event.actor, requestId: event.requestId }, { action: 'certificate.issue', subject: `submission:${id}`, summary: {} });
      throw new Error('signing key unavailable');
    };
    const res = await approve(id).expect(500);
    assert.doesNotMatch(JSON.stringify(res.body), /signing key/);
    const stored = await registry.store.submissions.get(id);
    assert.equal(stored?.status, 'under_review');
    assert.equal(stored?.tracks[0]?.decision, null);
    assert.deepEqual(await registry.store.submissions.listDecisions(id), []);
    assert.equal((await registry.store.audit.last())!.seq, eventsBefore);
  });

  it('when the decision is not an approval, then the hook is not called', async () => {
    const id = await underReview();
    let called = false;
    hook = async () => {
      called = true;
    };
    await request(app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', regulator).send({ decision: 'reject', comment: 'no' }).expect(200);
    assert.equal(called, false);
  });
});
