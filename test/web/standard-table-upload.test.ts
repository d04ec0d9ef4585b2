import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { csrf, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const template = readFileSync('schemas/templates/clause-table-template.xlsx');

/** Uploads a file through the clause-table form, in `lang`. */
async function uploadTable(agent: Agent, bytes: Buffer, filename: string, lang = 'en') {
  const token = await csrf(agent, '/manage/standards/clause-table');
  return agent.post(`/manage/standards/clause-table?lang=${lang}`).set(html).field('_csrf', token).attach('file', bytes, { filename });
}

/** The template's CSV with its Persian title of clause 5.1 removed and its unconditional radio.dfs row repeated at the end (two problems). */
function brokenCsv(): Buffer {
  const lines = readFileSync('schemas/templates/clause-table-template.csv', 'utf8').split('\r\n');
  const at = lines.findIndex((line) => line.startsWith('5.1,'));
  const cells = lines[at]!.split(',');
  cells[3] = '';
  lines[at] = cells.join(',');
  lines.splice(lines.length - 1, 0, lines.find((line) => line.includes(',radio.dfs,') && line.startsWith('5.3,Dynamic'))!);
  return Buffer.from(lines.join('\r\n'));
}

describe('clause table upload page', () => {
  let registry: TestRegistry;
  let regulator: Agent;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    regulator = (await signInAs(registry, 'regulator', { org: 'Communications Regulatory Authority (table test)', jurisdiction: 'IR' })).agent;
  });
  after(() => registry.close());

  test('the management page links to the form, which is in the reader\'s language and offers the template', async () => {
    const list = await regulator.get('/manage/standards?lang=ru').set(html);
    assert.match(list.text, /<a href="\/manage\/standards\/clause-table" id="clause-table-link">Или составьте стандарт в виде таблицы пунктов \(XLSX или CSV\)<\/a>/);
    const page = await regulator.get('/manage/standards/clause-table?lang=fa').set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, /dir="rtl"/);
    assert.match(page.text, /<h1>بارگذاری جدول بندها<\/h1>/);
    assert.match(page.text, /<label for="file">جدول بندها \(پرونده XLSX یا CSV\)<\/label>/);
    const download = await regulator.get('/manage/standards/clause-table/clause-table-template.xlsx').responseType('blob');
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="?clause-table-template\.xlsx"?$/);
    assert.deepEqual(Buffer.from(download.body as Buffer), template);
    assert.equal((await regulator.get('/manage/standards/clause-table/..%2Fpackage.json').set(html)).status, 404);
  });

  test('uploading the template creates a draft of the regulator\'s authority and leads to its page', async () => {
    const response = await uploadTable(regulator, template, 'my-table.xlsx');
    assert.equal(response.status, 303, /<div class="notice bad"[^]*?<\/div>/.exec(response.text)?.[0] ?? response.text.slice(0, 200));
    assert.equal(response.headers.location, '/manage/standards/IRRU-EXAMPLE/0.1.0?done=uploaded');
    const stored = await registry.store.standards.get('IRRU-EXAMPLE', '0.1.0');
    assert.equal(stored?.status, 'draft');
    assert.equal((await registry.store.organisations.get(stored!.ownerOrgId!))?.name, 'Communications Regulatory Authority (table test)');
    assert.equal((stored?.schema.properties as Record<string, { 'x-clause'?: string }>).radio?.['x-clause'], '5');
  });

  test('a table with problems is shown again with each problem by row and column next to the field, and nothing is stored', async () => {
    const before = (await registry.store.standards.list()).length;
    const response = await uploadTable(regulator, brokenCsv(), 'broken.csv', 'ru');
    assert.equal(response.status, 422);
    assert.match(response.text, /<p class="field-error" id="file-error">Таблица не сохранена: проблем — 2; каждая указана ниже по строке и столбцу \(описания на английском\)\.<\/p>/);
    assert.match(response.text, /aria-invalid="true"/);
    const rows = [...response.text.matchAll(/<tr><td><bdi class="token">(\d+)<\/bdi><\/td><td><bdi class="token" lang="en">([^<]+)<\/bdi><\/td><td lang="en" dir="ltr"><bdi>([^<]+)<\/bdi><\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.equal(rows.length, 2, response.text);
    assert.deepEqual(rows.map(([row, column]) => `${row}:${column}`).sort(), ['16:title fa', '23:path']);
    assert.match(rows.find(([, column]) => column === 'path')![2]!, /radio\.dfs clashes with row 20, which already describes it$/);
    assert.equal((await registry.store.standards.list()).length, before);
  });

  test('a file that is neither XLSX nor CSV, and an empty form, are refused next to the field', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c0ad4a0000000049454e44ae426082', 'hex');
    const refused = await uploadTable(regulator, png, 'table.xlsx', 'fa');
    assert.equal(refused.status, 415);
    assert.match(refused.text, /این پرونده \(بر پایه محتوا\) نه XLSX است نه CSV\./);
    const token = await csrf(regulator, '/manage/standards/clause-table');
    const empty = await regulator.post('/manage/standards/clause-table?lang=en').set(html).field('_csrf', token);
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Choose an XLSX or CSV file\./);
  });

  test('a vendor can neither see the form nor upload', async () => {
    const vendor = (await signInAs(registry, 'vendor')).agent;
    assert.equal((await vendor.get('/manage/standards/clause-table').set(html)).status, 403);
    assert.equal((await vendor.get('/manage/standards/clause-table/clause-table-template.csv').set(html)).status, 403);
    const token = await csrf(vendor, '/account');
    const posted = await vendor.post('/manage/standards/clause-table').set(html).field('_csrf', token).attach('file', template, { filename: 't.xlsx' });
    assert.equal(posted.status, 403);
  });
});
