/**
 * State the browser tests start from, made through the JSON API as the registry's API clients would
 * (vendors and regulators with Bearer tokens): submissions in each state, issued and revoked certificates.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { radioSpec } from '../fixtures/test-standards.ts';
import type { TestRegistry } from '../helpers/registry.ts';
import type { Jurisdiction } from '../../server/store/port.ts';

/** A product to certify: what the register shows and customs officers search for. */
export interface ProductNames {
  manufacturer: string;
  brand: string;
  model: string;
}

function specOf(names: ProductNames, power: number) {
  return radioSpec({ power, wifi5: false }, { manufacturer: { name: names.manufacturer }, brand: names.brand, model: names.model });
}

/** Creates a TEST-RADIO draft as the vendor; `power` above 23 dBm fails clause 5.1. Returns the submission id. */
export async function draftSubmission(registry: TestRegistry, vendorAuth: string, names: ProductNames, jurisdiction: Jurisdiction, power = 20): Promise<string> {
  const created = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendorAuth).send({
    standard: 'TEST-RADIO', jurisdictions: [jurisdiction],
    product: { manufacturer: names.manufacturer, brand: names.brand, model: names.model, hsCode: '8517', countryOfOrigin: 'CN' },
    spec: specOf(names, power),
  });
  assert.equal(created.status, 201, created.text);
  return (created.body as { id: string }).id;
}

async function act(registry: TestRegistry, auth: string, id: string, action: string, body?: object): Promise<void> {
  const call = request(registry.app).post(`/api/v1/submissions/${id}/${action}`).set('Authorization', auth);
  const response = await (body ? call.send(body) : call);
  assert.equal(response.status, 200, `${action}: ${response.text}`);
}

/** A conforming draft submitted for review (status submitted). */
export async function submittedSubmission(registry: TestRegistry, vendorAuth: string, names: ProductNames, jurisdiction: Jurisdiction): Promise<string> {
  const id = await draftSubmission(registry, vendorAuth, names, jurisdiction);
  await act(registry, vendorAuth, id, 'submit');
  return id;
}

/** Submits, reviews and approves a conforming submission; returns the certificate issued for it. */
export async function issuedCertificate(registry: TestRegistry, vendorAuth: string, regulatorAuth: string, names: ProductNames, jurisdiction: Jurisdiction) {
  const id = await submittedSubmission(registry, vendorAuth, names, jurisdiction);
  await act(registry, regulatorAuth, id, 'review');
  await act(registry, regulatorAuth, id, 'decision', { decision: 'approve', comment: 'all clauses met' });
  const [certificate] = await registry.store.certificates.listBySubmission(id);
  assert.ok(certificate, 'approval issued no certificate');
  return { submissionId: id, certificate };
}

/** Revokes (or suspends) a certificate through the API with a public reason. */
export async function changeCertificateStatus(registry: TestRegistry, regulatorAuth: string, number: string, action: 'revoke' | 'suspend', reason: string): Promise<void> {
  const response = await request(registry.app).post(`/api/v1/certificates/${number}/${action}`).set('Authorization', regulatorAuth).send({ reason });
  assert.equal(response.status, 200, `${action}: ${response.text}`);
  const events = await registry.store.certificates.events(number);
  assert.equal(events.at(-1)?.status, action === 'revoke' ? 'revoked' : 'suspended');
}

/** A customs document for a shipment of the certified model, created through the API by a customs officer; returns its id. */
export async function customsDocument(registry: TestRegistry, customsAuth: string, number: string, model: string): Promise<string> {
  const response = await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customsAuth)
    .send({ importer: 'Caspian Trading LLC', consignmentReference: 'CNS-2026-0042', model, quantity: 2, hsCode: '8517', serials: ['SN-0001', 'SN-0002'] });
  assert.equal(response.status, 201, response.text);
  return (response.body as { id: string }).id;
}

/** Stores a second revision of a draft with another output power (If-Match on the current revision). */
export async function revisedSubmission(registry: TestRegistry, vendorAuth: string, id: string, names: ProductNames, power: number): Promise<void> {
  const response = await request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', vendorAuth).set('If-Match', '"1"')
    .send({ product: { manufacturer: names.manufacturer, brand: names.brand, model: names.model, hsCode: '8517', countryOfOrigin: 'CN' }, spec: specOf(names, power) });
  assert.equal(response.status, 200, response.text);
}

/** A submitted submission the regulator has taken into review (the decision form shows). */
export async function submissionUnderReview(registry: TestRegistry, vendorAuth: string, regulatorAuth: string, names: ProductNames, jurisdiction: Jurisdiction): Promise<string> {
  const id = await submittedSubmission(registry, vendorAuth, names, jurisdiction);
  await act(registry, regulatorAuth, id, 'review');
  return id;
}
