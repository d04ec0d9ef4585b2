import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const templateCsv = readFileSync('schemas/templates/clause-table-template.csv', 'utf8');

/** The template with clause 5.1's Persian title emptied, or with its 'unit' column renamed away. */
function brokenCsv(defect: 'no Persian title' | 'renamed column'): Buffer {
  const lines = templateCsv.split('\r\n');
  if (defect === 'no Persian title') {
    const at = lines.findIndex((line) => line.startsWith('5.1,'));
    const cells = lines[at]!.split(',');
    cells[3] = '';
    lines[at] = cells.join(',');
  } else {
    const header = lines.findIndex((line) => line.startsWith('clause,'));
    lines[header] = lines[header]!.replace(',unit,', ',units,');
  }
  return Buffer.from(lines.join('\r\n'));
}

describe('POST /api/v1/standards/clause-table: a clause table as a draft standard', () => {
  let registry: TestRegistry;
  let regulator: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    regulator = (await registry.login('regulator', { org: 'Regulator (clause table API)', jurisdiction: 'RU' })).auth;
  });
  after(() => registry.close());

  it('when a regulator uploads the template, then a draft of its authority is stored with the x- annotations', async () => {
    const res = await request(registry.app).post('/api/v1/standards/clause-table').set('Authorization', regulator).attach('file', Buffer.from(templateCsv), 'table.csv').expect(201);
    assert.equal(res.body.status, 'draft');
    const stored = await registry.store.standards.get(res.body.code, res.body.version);
    assert.equal(stored?.status, 'draft');
    assert.equal((stored?.schema.properties as Record<string, { 'x-clause'?: string }>).radio?.['x-clause'], '5');
  });

  it('when the table has problems, then 422 lists each by row and column and nothing is stored', async () => {
    const before = (await registry.store.standards.list()).length;
    const upload = (bytes: Buffer) => request(registry.app).post('/api/v1/standards/clause-table').set('Authorization', regulator).attach('file', bytes, 'table.csv').expect('Content-Type', /problem\+json/);
    const persian = await upload(brokenCsv('no Persian title'));
    assert.equal(persian.body.code, 'validation_failed');
    assert.ok(persian.status === 400 || persian.status === 422, String(persian.status));
    const [missingText] = persian.body.errors as Array<{ row: number; column: string; message: string }>;
    assert.deepEqual([Number.isInteger(missingText?.row), missingText?.column], [true, 'title fa'], JSON.stringify(persian.body.errors));
    const renamed = (await upload(brokenCsv('renamed column'))).body.errors as Array<{ row: number; column: string; message: string }>;
    assert.deepEqual(renamed.map((error) => error.column).sort(), ['unit', 'units']);
    assert.ok(renamed.every((error) => Number.isInteger(error.row) && error.message.length > 0));
    assert.equal((await registry.store.standards.list()).length, before);
  });

  it('when the file is missing, a PDF, or sent by a vendor, then a clear problem and never a 5xx', async () => {
    const missing = await request(registry.app).post('/api/v1/standards/clause-table').set('Authorization', regulator).field('x', '1');
    assert.equal(missing.body.code, 'validation_failed');
    const pdf = await request(registry.app).post('/api/v1/standards/clause-table').set('Authorization', regulator).attach('file', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'table.pdf');
    assert.equal(pdf.status, 415);
    const vendor = (await registry.login('vendor')).auth;
    await request(registry.app).post('/api/v1/standards/clause-table').set('Authorization', vendor).attach('file', Buffer.from(templateCsv), 'table.csv').expect(403);
  });
});
