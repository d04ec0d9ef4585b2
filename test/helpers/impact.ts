import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { actorFromUser, type Actor } from '../../server/domain/accounts/actor.ts';
import { certificateIssuingHook } from '../../server/domain/certificates/approval-issuance.ts';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import { inProcessCheckRunner } from '../../server/domain/checking/in-process-runner.ts';
import { createSubmission, decideSubmission, submitSubmission, takeForReview, type SubmissionContext } from '../../server/domain/submissions/index.ts';
import { radioDocument, radioSpec } from '../fixtures/test-standards.ts';
import { certificatesContextOf } from './certificates.ts';
import type { TestRegistry } from './registry.ts';
import { product } from './submissions.ts';

/** TEST-RADIO with output power (clause 5.1) limited to `maxPower` dBm and at least `minMarkets` target markets (clause 4.2). */
export function tightenedRadio(version: string, maxPower: number, minMarkets = 1) {
  const document = radioDocument(version);
  const properties = document.schema.properties as Record<string, Record<string, unknown>>;
  properties.power = { ...properties.power, maximum: maxPower };
  properties.targetMarkets = { ...properties.targetMarkets, minItems: minMarkets };
  return document;
}

/** A TEST-RADIO product certified by `regulator` (IR) through the real workflow; its certificate number. */
export async function certifyRadio(registry: TestRegistry, regulator: Actor, power: number, markets: Array<'IR' | 'RU'> = ['IR', 'RU']): Promise<string> {
  const ctx: SubmissionContext = { store: registry.store, checks: inProcessCheckRunner(registry.engine), hooks: { onApproved: certificateIssuingHook(certificatesContextOf(registry)) } };
  const vendor = { actor: actorFromUser((await registry.login('vendor')).user), requestId: null };
  const model = `AR-${power}-${markets.join('')}-${randomUUID().slice(0, 6)}`;
  const spec = radioSpec({ power, wifi5: false, targetMarkets: markets }, { model });
  const { submission } = await createSubmission(ctx, vendor, { standard: 'TEST-RADIO', jurisdictions: ['IR'], product: product({ model }), spec });
  await submitSubmission(ctx, vendor, submission.id);
  await takeForReview(ctx, { actor: regulator, requestId: null }, submission.id);
  await decideSubmission(ctx, { actor: regulator, requestId: null }, submission.id, { decision: 'approve' });
  const [certificate] = await registry.store.certificates.listBySubmission(submission.id);
  if (!certificate) throw new Error('no certificate was issued');
  return certificate.number;
}

/** Suspends or revokes a certificate as its regulator. */
export async function setStatus(registry: TestRegistry, regulator: Actor, number: string, action: 'suspend' | 'revoke'): Promise<void> {
  await changeStatus(certificatesContextOf(registry), regulator, number, action, `test ${action}`, null);
}

/** Uploads a standard document as a draft through the API. */
export async function uploadDraft(registry: TestRegistry, auth: string, document: object): Promise<void> {
  const res = await request(registry.app).post('/api/v1/standards').set('Authorization', auth).send(document);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
}
