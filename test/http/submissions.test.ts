import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { failingRadioSpec, radioDocument, radioSpec } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { auditOf, createSubmission, product, publishTestStandards, submissionBody } from '../helpers/submissions.ts';

describe('submissions over HTTP: create, read, revise, list', () => {
  let registry: TestRegistry;
  let regulator: string;
  let vendor: string;
  let colleague: string;
  let otherVendor: string;
  let customs: string;
  let admin: string;
  let vendorOrg: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    const login = await registry.login('vendor', { org: 'Acme Radio LLC' });
    vendor = login.auth;
    vendorOrg = login.user.orgId;
    colleague = (await registry.login('vendor', { org: 'Acme Radio LLC' })).auth;
    otherVendor = (await registry.login('vendor', { org: 'Rival Devices' })).auth;
    customs = (await registry.login('customs')).auth;
    admin = (await registry.login('admin')).auth;
    await publishTestStandards(registry, regulator);
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(radioDocument('2.0.0')).expect(201);
  });
  after(() => registry.close());

  const post = (body: unknown, auth = vendor) => request(registry.app).post('/api/v1/submissions').set('Authorization', auth).send(body as object);
  const get = (path: string, auth = vendor) => request(registry.app).get(`/api/v1/submissions${path}`).set('Authorization', auth);
  const put = (id: string, body: unknown, auth = vendor) => request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', auth).send(body as object);
  const count = async () => (await registry.store.submissions.list({ orgId: vendorOrg, limit: 100 })).items.length;

  it('when a vendor creates a submission, then 201 returns a draft at revision 1 with its report, and submission, revision and audit event are stored', async () => {
    const res = await post(submissionBody()).expect(201);
    assert.equal(res.body.status, 'draft');
    assert.equal(res.body.revision, 1);
    assert.equal(res.body.report.conforms, true);
    assert.deepEqual(res.body.standard, { code: 'TEST-RADIO', version: '1.0.0' });
    assert.equal(res.headers.etag, '"1"');
    assert.equal(res.headers.location, `/api/v1/submissions/${res.body.id}`);
    const stored = await registry.store.submissions.get(res.body.id);
    assert.equal(stored?.orgId, vendorOrg);
    assert.deepEqual(stored?.tracks.map((t) => [t.jurisdiction, t.status]), [['IR', 'draft']]);
    const revision = await registry.store.submissions.getRevision(res.body.id, 1);
    assert.equal(revision?.specHash, res.body.report.specHash);
    assert.deepEqual(revision?.report, res.body.report);
    assert.deepEqual((await auditOf(registry, `submission:${res.body.id}`)).map((e) => e.action), ['submission.create']);
  });

  it('when the spec does not conform, then the draft is still created and its stored report lists the failures', async () => {
    const res = await post(submissionBody({ spec: failingRadioSpec, jurisdictions: ['IR', 'RU'] })).expect(201);
    assert.equal(res.body.report.conforms, false);
    assert.equal(res.body.report.findings[0].clause, '5.1');
    assert.deepEqual(res.body.jurisdictions.map((j: { jurisdiction: string }) => j.jurisdiction), ['IR', 'RU']);
    assert.equal((await registry.store.submissions.getRevision(res.body.id, 1))?.conforms, false);
  });

  it('when the spec is sent as a multipart file with the other fields in "submission", then it is created like a JSON body', async () => {
    const { spec, ...fields } = submissionBody();
    const res = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor)
      .field('submission', JSON.stringify(fields))
      .attach('spec', Buffer.from(JSON.stringify(spec)), { filename: 'spec.json', contentType: 'application/json' }).expect(201);
    assert.equal(res.body.report.conforms, true);
    assert.deepEqual((await registry.store.submissions.getRevision(res.body.id, 1))?.spec, spec);
  });

  it('when a multipart submission lacks its file or carries broken JSON, then 400 and nothing is stored', async () => {
    const before = await count();
    const { spec, ...fields } = submissionBody();
    const multipart = () => request(registry.app).post('/api/v1/submissions').set('Authorization', vendor);
    await multipart().field('submission', JSON.stringify(fields)).expect(400);
    await multipart().field('submission', '{not json').attach('spec', Buffer.from(JSON.stringify(spec)), 'spec.json').expect(400);
    await multipart().field('submission', JSON.stringify(fields)).attach('spec', Buffer.from('{"power": '), 'spec.json').expect(400);
    await multipart().attach('spec', Buffer.from(JSON.stringify(spec)), 'spec.json').expect(400);
    const unknown = await multipart().field('submission', JSON.stringify({ ...fields, extra: 1 })).attach('spec', Buffer.from(JSON.stringify(spec)), 'spec.json').expect(400);
    assert.equal(unknown.body.errors[0].keyword, 'additionalProperties');
    assert.equal(await count(), before);
  });

  it('when the body is malformed, has unknown fields, a wrong content type or is oversized, then a problem and nothing is stored', async () => {
    const before = await count();
    const malformed = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).set('Content-Type', 'application/json').send('{"standard":').expect(400);
    assert.match(String(malformed.headers['content-type']), /application\/problem\+json/);
    const unknown = await post({ ...submissionBody(), priority: 'high' }).expect(400);
    assert.deepEqual(unknown.body.errors.map((e: { keyword: string }) => e.keyword), ['additionalProperties']);
    await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).set('Content-Type', 'text/plain').send('hello').expect(415);
    const huge = await post(submissionBody({ spec: { padding: 'x'.repeat(registry.config.limits.jsonBodyBytes) } })).expect(413);
    assert.equal(huge.body.code, 'payload_too_large');
    const badProduct = await post(submissionBody({ product: product({ hsCode: 'abc', countryOfOrigin: 'China' }), jurisdictions: [] })).expect(400);
    assert.deepEqual(badProduct.body.errors.map((e: { path: string }) => e.path).sort(), ['/jurisdictions', '/product/countryOfOrigin', '/product/hsCode']);
    await post(submissionBody({ jurisdictions: ['IR', 'IR'] })).expect(400);
    await post(submissionBody({ jurisdictions: ['KZ'] })).expect(400);
    assert.equal(await count(), before);
  });

  it('when the standard is unknown or only a draft, then 404 or 409 and nothing is stored', async () => {
    const before = await count();
    assert.equal((await post(submissionBody({ standard: 'NOPE' })).expect(404)).body.code, 'not_found');
    assert.equal((await post(submissionBody({ version: '2.0.0' })).expect(409)).body.state, 'draft');
    assert.equal((await post(submissionBody({ version: '9.9.9' })).expect(404)).body.code, 'not_found');
    assert.equal(await count(), before);
  });

  it('when anyone but a vendor creates a submission, then 401 or 403 and nothing is stored', async () => {
    const before = (await registry.store.submissions.list({ limit: 100 })).items.length;
    await request(registry.app).post('/api/v1/submissions').send(submissionBody()).expect(401);
    for (const auth of [regulator, customs, admin]) assert.equal((await post(submissionBody(), auth).expect(403)).body.code, 'forbidden');
    assert.equal((await registry.store.submissions.list({ limit: 100 })).items.length, before);
  });

  it('when a submission is read, then its own organisation and admins see it, other vendors and regulators before submission get 404, customs 403', async () => {
    const { id } = await createSubmission(registry, vendor);
    const res = await get(`/${id}`, colleague).expect(200);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(res.body.revisions.map((r: { number: number; conforms: boolean }) => [r.number, r.conforms]), [[1, true]]);
    assert.equal(res.body.product.model, 'AR-100');
    await get(`/${id}`, admin).expect(200);
    assert.equal((await get(`/${id}`, otherVendor).expect(404)).body.code, 'not_found');
    await get(`/${id}`, regulator).expect(404);
    await get(`/${id}`, customs).expect(403);
    await request(registry.app).get(`/api/v1/submissions/${id}`).expect(401);
    await get('/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('when a vendor revises, then a new revision is stored with its own report and the old one is unchanged', async () => {
    const { id } = await createSubmission(registry, vendor);
    const renamed = radioSpec({ power: 30, wifi5: true, dfs: true }, { model: 'AR-101' });
    const res = await put(id, { product: product({ model: 'AR-101' }), spec: renamed }).set('If-Match', '"1"').expect(200);
    assert.equal(res.body.revision, 2);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(res.body.report.conforms, false);
    const first = await get(`/${id}/revisions/1`).expect(200);
    assert.equal(first.body.report.conforms, true);
    assert.equal(first.body.product.model, 'AR-100');
    const second = await get(`/${id}/revisions/2`).expect(200);
    assert.deepEqual(second.body.spec, renamed);
    assert.equal(second.body.product.model, 'AR-101');
    const detail = await get(`/${id}`).expect(200);
    assert.deepEqual(detail.body.revisions.map((r: { number: number; conforms: boolean }) => [r.number, r.conforms]), [[1, true], [2, false]]);
    assert.equal(detail.body.model, 'AR-101');
    assert.deepEqual((await auditOf(registry, `submission:${id}`)).map((e) => e.action), ['submission.create', 'submission.revise']);
  });

  it('when If-Match names an older revision or is weak, then 412 and nothing is stored; without If-Match the revision is accepted', async () => {
    const { id } = await createSubmission(registry, vendor);
    await put(id, { product: product(), spec: failingRadioSpec }).expect(200);
    const stale = await put(id, { spec: failingRadioSpec }).set('If-Match', '"1"').expect(412);
    assert.equal(stale.body.code, 'precondition_failed');
    assert.equal(stale.body.revision, 2);
    await put(id, { spec: failingRadioSpec }).set('If-Match', 'W/"2"').expect(412);
    assert.equal((await registry.store.submissions.get(id))?.revision, 2);
    assert.equal(await registry.store.submissions.getRevision(id, 3), null);
    await put(id, { spec: failingRadioSpec }).set('If-Match', '"2"').expect(200);
    await put(id, { spec: failingRadioSpec }).set('If-Match', '*').expect(200);
    assert.equal((await registry.store.submissions.get(id))?.revision, 4);
  });

  it('when a revision is refused (bad body, wrong role, other organisation, not editable), then nothing changes', async () => {
    const { id } = await createSubmission(registry, vendor);
    await put(id, { spec: failingRadioSpec, standard: 'X' }).expect(400);
    await put(id, { product: product({ hsCode: 'abc' }), spec: failingRadioSpec }).expect(400);
    assert.equal((await put(id, { spec: {} }).expect(422)).body.code, 'inconsistent_submission');
    await request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', vendor).set('Content-Type', 'text/csv').send('a,b').expect(415);
    await put(id, { spec: failingRadioSpec }, otherVendor).expect(404);
    for (const auth of [regulator, customs, admin]) await put(id, { spec: failingRadioSpec }, auth).expect(403);
    await request(registry.app).put(`/api/v1/submissions/${id}`).send({ spec: failingRadioSpec }).expect(401);
    await request(registry.app).post(`/api/v1/submissions/${id}/submit`).set('Authorization', vendor).expect(200);
    const locked = await put(id, { spec: failingRadioSpec }).expect(409);
    assert.equal(locked.body.state, 'submitted');
    assert.equal((await registry.store.submissions.get(id))?.revision, 1);
    assert.deepEqual((await auditOf(registry, `submission:${id}`)).map((e) => e.action), ['submission.create', 'submission.submit']);
  });

  it('when a revision is read, then unknown numbers are 404 and the same visibility rules apply', async () => {
    const { id } = await createSubmission(registry, vendor);
    await get(`/${id}/revisions/2`).expect(404);
    await get(`/${id}/revisions/abc`).expect(404);
    await get(`/${id}/revisions/0`).expect(404);
    await get(`/${id}/revisions/1`, otherVendor).expect(404);
    await get(`/${id}/revisions/1`, regulator).expect(404);
    await get(`/${id}/revisions/1`, customs).expect(403);
    await get(`/${id}/revisions/1`, admin).expect(200);
  });

  it('when submissions are listed, then a vendor sees only their organisation\'s, filtered by status, standard and text, page by page', async () => {
    const zeta = { spec: radioSpec({ power: 20 }, { manufacturer: { name: 'Zeta Wireless' }, model: 'ZW-9' }), product: product({ manufacturer: 'Zeta Wireless', model: 'ZW-9' }) };
    const mine = await createSubmission(registry, vendor, zeta);
    await createSubmission(registry, otherVendor, zeta);
    const byText = await get('?q=zeta').expect(200);
    assert.deepEqual(byText.body.items.map((s: { id: string }) => s.id), [mine.id]);
    const all = (await get('?limit=100').expect(200)).body.items as { id: string; status: string }[];
    assert.equal(all.length, await count());
    assert.ok(all.every((s) => s.status));
    const drafts = (await get('?status=draft&standard=TEST-RADIO&limit=100').expect(200)).body.items as { status: string }[];
    assert.ok(drafts.length > 0 && drafts.every((s) => s.status === 'draft'));
    assert.equal((await get('?standard=TEST-COMMON').expect(200)).body.items.length, 0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await get(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((s: { id: string }) => s.id));
      cursor = page.body.next;
    } while (cursor);
    assert.deepEqual(seen, all.map((s) => s.id));
  });

  it('when list parameters are invalid, then 400; customs officers get 403 and anonymous 401', async () => {
    assert.equal((await get('?cursor=bm9wZQ').expect(400)).body.code, 'validation_failed');
    await get('?limit=0').expect(400);
    await get('?limit=101').expect(400);
    await get('?status=lost').expect(400);
    await get('?sort=desc').expect(400);
    await get('', customs).expect(403);
    await request(registry.app).get('/api/v1/submissions').expect(401);
  });

  it('when a regulator lists, then only submissions submitted to their jurisdiction appear', async () => {
    const ir = await createSubmission(registry, vendor, { jurisdictions: ['IR'] });
    const ru = await createSubmission(registry, vendor, { jurisdictions: ['RU'] });
    const draft = await createSubmission(registry, vendor, { jurisdictions: ['IR'] });
    for (const { id } of [ir, ru]) await request(registry.app).post(`/api/v1/submissions/${id}/submit`).set('Authorization', vendor).expect(200);
    const ids = (await get('?limit=100', regulator).expect(200)).body.items.map((s: { id: string }) => s.id);
    assert.ok(ids.includes(ir.id));
    assert.ok(!ids.includes(ru.id));
    assert.ok(!ids.includes(draft.id));
    const ruRegulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    const ruIds = (await get('?status=submitted&limit=100', ruRegulator).expect(200)).body.items.map((s: { id: string }) => s.id);
    assert.deepEqual(ruIds, [ru.id]);
  });
});
