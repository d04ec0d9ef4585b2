import assert from 'node:assert/strict';
import request from 'supertest';
import { commonDocument, conformingRadioSpec, radioDocument } from '../fixtures/test-standards.ts';
import type { TestRegistry } from './registry.ts';

/** Uploads and publishes the small test standards (TEST-COMMON, TEST-RADIO 1.0.0) through the API. */
export async function publishTestStandards(registry: TestRegistry, regulator: string): Promise<void> {
  for (const doc of [commonDocument, radioDocument()]) {
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc).expect(201);
    await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulator).expect(200);
  }
}

/** A product block that agrees with conformingRadioSpec's identification. */
export function product(overrides: Record<string, unknown> = {}) {
  return { manufacturer: 'Acme Radio', brand: 'Acme', model: 'AR-100', hsCode: '8517', countryOfOrigin: 'CN', ...overrides };
}

/** A valid new-submission body against TEST-RADIO. */
export function submissionBody(overrides: Record<string, unknown> = {}) {
  return { standard: 'TEST-RADIO', jurisdictions: ['IR'], product: product(), spec: conformingRadioSpec, ...overrides };
}

/** Creates a submission as `vendor` and returns the response body. */
export async function createSubmission(registry: TestRegistry, vendor: string, overrides: Record<string, unknown> = {}) {
  const res = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).send(submissionBody(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; status: string; revision: number; report: { conforms: boolean } };
}

/** POSTs a workflow action (submit, withdraw, review, decision). */
export function act(registry: TestRegistry, auth: string, id: string, action: string, body?: object) {
  const req = request(registry.app).post(`/api/v1/submissions/${id}/${action}`).set('Authorization', auth);
  return body ? req.send(body) : req;
}

/** Audit events of one subject, read straight from the store. */
export async function auditOf(registry: TestRegistry, subject: string) {
  return registry.store.audit.list({ subject, limit: 1000 });
}
