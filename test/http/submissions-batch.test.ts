import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { exeBytes, htmlBytes, xlsxBytes } from '../fixtures/upload-files.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { auditOf, publishTestStandards } from '../helpers/submissions.ts';
import { radioSpec } from '../fixtures/test-standards.ts';

const id = 'spec.identification';
const header = `product.model,${id}.manufacturer.name,${id}.model,${id}.hsCode,${id}.countryOfOrigin,jurisdictions,spec.targetMarkets,spec.power,spec.wifi5,spec.bands.0,spec.bands.1`;

describe('batch import of submissions over HTTP', () => {
  let registry: TestRegistry;
  let regulator: string;
  let vendor: string;
  let vendorOrg: string;
  let customs: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    const login = await registry.login('vendor');
    vendor = login.auth;
    vendorOrg = login.user.orgId;
    customs = (await registry.login('customs')).auth;
    await publishTestStandards(registry, regulator);
  });
  after(() => registry.close());

  const batch = (bytes: Buffer, name: string, fields: Record<string, string> = { standard: 'TEST-RADIO' }, auth = vendor) => {
    const req = request(registry.app).post('/api/v1/submissions/batch').set('Authorization', auth);
    for (const [key, value] of Object.entries(fields)) req.field(key, value);
    return req.attach('file', bytes, name);
  };
  const count = async () => (await registry.store.submissions.list({ orgId: vendorOrg, limit: 100 })).items.length;

  it('when a CSV holds valid and invalid rows, then each valid row becomes a draft and each invalid one is reported by row number', async () => {
    const csv = [
      header,
      'CSV-1,Acme,CSV-1,8517,CN,IR,"[""IR""]",20,false,n78,n41',
      'CSV-2,Acme,CSV-2,8517,CN,"IR,RU","[""IR"",""RU""]",30,false,,',
      'CSV-3,Acme,CSV-X,8517,CN,IR,"[""IR""]",20,false,,',
      'CSV-4,Acme,CSV-4,8517,CN,IR,"[""IR""]",20,false,,n41',
    ].join('\n');
    const before = await count();
    const res = await batch(Buffer.from(csv), 'products.csv').expect(200);
    assert.equal(res.body.format, 'csv');
    assert.equal(res.body.created, 2);
    assert.equal(res.body.failed, 2);
    const [first, second, third, fourth] = res.body.rows;
    assert.deepEqual([first.row, first.status, first.conforms], [2, 'created', true]);
    assert.deepEqual([second.row, second.status, second.conforms], [3, 'created', false]);
    assert.deepEqual([third.row, third.status, third.code], [4, 'failed', 'inconsistent_submission']);
    assert.equal(third.errors[0].path, '/product/model');
    assert.deepEqual([fourth.row, fourth.status], [5, 'failed']);
    assert.match(fourth.detail, /spec\.bands\.0 is missing/);
    assert.equal(await count(), before + 2);
    const revision = await registry.store.submissions.getRevision(first.id, 1);
    const identification = { manufacturer: { name: 'Acme' }, model: 'CSV-1', hsCode: '8517', countryOfOrigin: 'CN' };
    assert.deepEqual(revision?.spec, { identification, targetMarkets: ['IR'], power: 20, wifi5: false, bands: ['n78', 'n41'] });
    assert.deepEqual((await registry.store.submissions.get(second.id))?.tracks.map((t) => t.jurisdiction), ['IR', 'RU']);
    assert.deepEqual((await auditOf(registry, `submission:${first.id}`)).map((e) => e.action), ['submission.create']);
  });

  it('when an XLSX sheet is uploaded, then numbers in product and identification columns stay text and spec numbers stay numbers', async () => {
    const bytes = await xlsxBytes([
      ['product.hsCode', `${id}.manufacturer.name`, `${id}.model`, `${id}.hsCode`, `${id}.countryOfOrigin`, 'spec.targetMarkets', 'spec.power', 'spec.wifi5', 'spec.dfs'],
      [8517, 'Acme', 'XL-1', 8517, 'CN', '["RU"]', 21.5, true, true],
      [8517, 'Acme', 'XL-2', 8517, 'CN', '["RU"]', 'lots', false, null],
    ]);
    const res = await batch(bytes, 'products.bin', { standard: 'TEST-RADIO', version: '1.0.0', jurisdictions: 'RU' }).expect(200);
    assert.equal(res.body.format, 'xlsx');
    assert.deepEqual(res.body.rows.map((r: { row: number; status: string; conforms?: boolean }) => [r.row, r.status, r.conforms]), [[2, 'created', true], [3, 'created', false]]);
    const stored = await registry.store.submissions.getRevision(res.body.rows[0].id, 1);
    assert.equal(stored?.product.hsCode, '8517');
    const identification = { manufacturer: { name: 'Acme' }, model: 'XL-1', hsCode: '8517', countryOfOrigin: 'CN' };
    assert.deepEqual(stored?.spec, { identification, targetMarkets: ['RU'], power: 21.5, wifi5: true, dfs: true });
    assert.deepEqual((await registry.store.submissions.get(res.body.rows[0].id))?.tracks.map((t) => t.jurisdiction), ['RU']);
  });

  it('when JSON lines are uploaded, then nested and dotted objects are accepted and a line that is not an object fails alone', async () => {
    const lines = [
      JSON.stringify({ product: { manufacturer: 'Acme Radio', model: 'JL-1' }, jurisdictions: ['IR'], spec: radioSpec({ power: 5 }, { model: 'JL-1' }) }),
      JSON.stringify({ 'product.model': 'JL-2', [`${id}.manufacturer.name`]: 'Acme', [`${id}.model`]: 'JL-2', [`${id}.hsCode`]: '8517', [`${id}.countryOfOrigin`]: 'CN', 'spec.targetMarkets': ['IR'], 'spec.power': 7 }),
      '{"product": ',
      JSON.stringify({ product: { manufacturer: 'Acme', model: 'JL-4', hsCode: '8517', countryOfOrigin: 'CN' }, 'spec.__proto__.polluted': true }),
    ].join('\n');
    const res = await batch(Buffer.from(lines), 'products.jsonl', { standard: 'TEST-RADIO', jurisdictions: 'IR' }).expect(200);
    assert.equal(res.body.format, 'jsonl');
    assert.deepEqual(res.body.rows.map((r: { row: number; status: string }) => [r.row, r.status]), [[1, 'created'], [2, 'created'], [3, 'failed'], [4, 'failed']]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('when the file or form is refused as a whole (unknown standard, wrong type, no rows, too many rows), then nothing is imported', async () => {
    const before = await count();
    const eventsBefore = (await registry.store.audit.last())!.seq;
    const row = 'R,Acme,R,8517,CN,IR,"[""IR""]",1,false,,';
    assert.equal((await batch(Buffer.from(`${header}\n${row}`), 'a.csv', { standard: 'NOPE' }).expect(404)).body.code, 'not_found');
    assert.equal((await batch(exeBytes, 'a.csv').expect(415)).body.code, 'unsupported_media_type');
    await batch(htmlBytes, 'a.csv').expect(415);
    await batch(Buffer.from(header), 'a.csv').expect(400);
    await batch(Buffer.from(`a,b\n1,2,3`), 'a.csv').expect(400);
    const tooMany = [header, ...Array.from({ length: 501 }, () => row)].join('\n');
    assert.equal((await batch(Buffer.from(tooMany), 'a.csv').expect(413)).body.code, 'payload_too_large');
    await batch(Buffer.from(`${header}\n${row}`), 'a.csv', {}).expect(400);
    await batch(Buffer.from(`${header}\n${row}`), 'a.csv', { standard: 'TEST-RADIO', jurisdictions: 'KZ' }).expect(400);
    await batch(Buffer.from(`${header}\n${row}`), 'a.csv', { standard: 'TEST-RADIO', extra: '1' }).expect(400);
    await request(registry.app).post('/api/v1/submissions/batch').set('Authorization', vendor).send({ standard: 'TEST-RADIO', rows: [] }).expect(415);
    await batch(Buffer.concat([Buffer.from(header), Buffer.alloc(registry.config.limits.uploadBytes)]), 'a.csv').expect(413);
    assert.equal(await count(), before);
    assert.equal((await registry.store.audit.last())!.seq, eventsBefore);
  });

  it('when anyone but a vendor uploads a batch, then 401 or 403', async () => {
    const csv = Buffer.from(`${header}\nR,Acme,R,8517,CN,IR,"[""IR""]",1,false,,`);
    await request(registry.app).post('/api/v1/submissions/batch').field('standard', 'TEST-RADIO').attach('file', csv, 'a.csv').expect(401);
    const admin = (await registry.login('admin')).auth;
    for (const auth of [regulator, customs, admin]) await batch(csv, 'a.csv', { standard: 'TEST-RADIO' }, auth).expect(403);
  });
});
