import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { actorFromUser } from '../../server/domain/accounts/actor.ts';
import { certificateIssuingHook } from '../../server/domain/certificates/approval-issuance.ts';
import { inProcessCheckRunner } from '../../server/domain/checking/in-process-runner.ts';
import { createSubmission, decideSubmission, submitSubmission, takeForReview, type SubmissionContext } from '../../server/domain/submissions/index.ts';
import type { ProductInfo } from '../../server/store/port.ts';
import { certificatesContextOf, regulatorOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const identification = smartphoneSpec.identification as { manufacturer: { name: string }; brand: string; model: string; variants: string[]; hardwareVersion: string; firmwareVersion: string; hsCode: string; countryOfOrigin: string };
const product: ProductInfo = { ...identification, manufacturer: identification.manufacturer.name };

describe('certificate issuance on approval (submission workflow hook)', () => {
  let registry: TestRegistry;
  let ctx: SubmissionContext;
  let vendor: { actor: ReturnType<typeof actorFromUser>; requestId: null };
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let ru: Awaited<ReturnType<typeof regulatorOf>>;

  async function underReview(jurisdictions: Array<'IR' | 'RU'>): Promise<string> {
    const { submission } = await createSubmission(ctx, vendor, { standard: 'IRRU-UE', jurisdictions, product, spec: smartphoneSpec });
    await submitSubmission(ctx, vendor, submission.id);
    for (const regulator of [ir, ru].filter((r) => jurisdictions.includes(r.actor.jurisdiction!))) await takeForReview(ctx, { actor: regulator.actor, requestId: null }, submission.id);
    return submission.id;
  }

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ctx = { store: registry.store, checks: inProcessCheckRunner(registry.engine), hooks: { onApproved: certificateIssuingHook(certificatesContextOf(registry)) } };
    vendor = { actor: actorFromUser((await registry.login('vendor')).user), requestId: null };
    ir = await regulatorOf(registry, 'IR');
    ru = await regulatorOf(registry, 'RU');
  });
  after(() => registry.close());

  it('when IR and then RU approve the same revision, then each issues its own certificate with its log leaf and audit event', async () => {
    const id = await underReview(['IR', 'RU']);
    await decideSubmission(ctx, { actor: ir.actor, requestId: 'req-ir' }, id, { decision: 'approve' });
    await decideSubmission(ctx, { actor: ru.actor, requestId: 'req-ru' }, id, { decision: 'approve' });
    const certificates = await registry.store.certificates.listBySubmission(id);
    assert.deepEqual(certificates.map((c) => c.jurisdiction), ['IR', 'RU']);
    const body = (await request(registry.app).get(`/api/v1/certificates/${certificates[0]!.number}`).expect(200)).body;
    const overall = body.credential.credentialSubject.conformityAssessment[0];
    assert.equal(overall.submission.submissionId, id);
    assert.equal(overall.assessedProduct[0].product.manufacturer.name, product.manufacturer);
    assert.equal(overall.assessedProduct[0].product.manufacturer.countryText, 'CN');
    const audit = await registry.store.audit.list({ subject: `certificate:${certificates[1]!.number}`, limit: 5 });
    assert.deepEqual(audit.map((e) => [e.action, e.requestId]), [['certificate.issue', 'req-ru']]);
  });

  it('when the approval fails after the certificate is written, then the approval, certificate, log leaf and audit events all roll back', async () => {
    const id = await underReview(['IR']);
    const issue = certificateIssuingHook(certificatesContextOf(registry));
    const failing: SubmissionContext = { ...ctx, hooks: { async onApproved(tx, event) {
      await issue(tx, event);
      assert.equal((await tx.certificates.listBySubmission(id)).length, 1);
      throw new Error('injected failure');
    } } };
    const size = await registry.store.transparencyLog.size();
    const lastAudit = (await registry.store.audit.last())?.seq;
    await assert.rejects(decideSubmission(failing, { actor: ir.actor, requestId: null }, id, { decision: 'approve' }), /injected failure/);
    assert.deepEqual(await registry.store.certificates.listBySubmission(id), []);
    assert.equal(await registry.store.transparencyLog.size(), size);
    assert.equal((await registry.store.audit.last())?.seq, lastAudit);
    assert.equal((await registry.store.submissions.get(id))?.tracks[0]?.status, 'under_review');
  });

  it('when 50 submissions are approved concurrently, then their certificates carry 50 distinct, gapless numbers', async () => {
    const fresh = await regulatorOf(registry, 'RU');
    const ids = [];
    for (let i = 0; i < 50; i += 1) ids.push(await underReview(['RU']));
    await Promise.all(ids.map((id) => decideSubmission(ctx, { actor: fresh.actor, requestId: null }, id, { decision: 'approve' })));
    const issued = (await Promise.all(ids.map((id) => registry.store.certificates.listBySubmission(id)))).flat();
    assert.equal(issued.length, 50);
    assert.equal(new Set(issued.map((c) => c.number)).size, 50);
    const sequences = issued.map((c) => c.sequence).sort((a, b) => a - b);
    assert.deepEqual(sequences, Array.from({ length: 50 }, (_, i) => sequences[0]! + i));
  });
});
