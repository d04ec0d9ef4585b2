import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { isDomainError } from '../../../server/domain/errors.ts';
import { documentFromTableFile, maxTableBytes, maxTableRows, type TableProblem } from '../../../server/domain/standards/clause-table/index.ts';
import { allColumns, type Column } from '../../../server/domain/standards/clause-table/columns.ts';
import { tableGrid, writeCsv } from '../../../server/domain/standards/clause-table/table-file.ts';

const header = { code: 'TEST-TABLE', version: '1.0.0', category: 'test-radio', 'title en': 'Test radios', 'title ru': 'Тестовые радиостанции', 'title fa': 'رادیوهای آزمایشی' };
const texts = (title: string) => ({ 'title en': title, 'title ru': `${title} (ru) — пункт`, 'title fa': `${title} — بند`, 'requirement en': `${title} holds.`, 'requirement ru': 'Требование выполняется.', 'requirement fa': 'الزام برقرار است.', source: 'Test source' });

/** A CSV clause table (header block, column header with every column, rows). */
function csvTable(rows: Record<string, string | undefined>[], head: Record<string, string> = header): Buffer {
  return writeCsv(tableGrid(head, rows as Partial<Record<Column, string>>[]));
}

/** The problems a table is refused with (fails the test when it is accepted). */
async function problemsOf(bytes: Buffer, overrides = {}): Promise<TableProblem[]> {
  try {
    await documentFromTableFile(bytes, overrides);
  } catch (error) {
    assert.ok(isDomainError(error, 'validation_failed'), String(error));
    return error.details.errors as TableProblem[];
  }
  assert.fail('the table was accepted');
}

const goodRows: Record<string, string>[] = [
  { path: '$', type: 'object', closed: 'yes' },
  { ...texts('Radio'), clause: '5', path: 'radio', type: 'object', required: 'yes' },
  { path: 'radio.has5G', type: 'boolean', required: 'yes' },
  { ...texts('Power'), clause: '5.1', path: 'radio.bands[].maxPower', type: 'number', maximum: '20', unit: 'dBm' },
  { ...texts('DFS'), clause: '5.2', path: 'radio.dfs', 'applies when': 'radio.has5G = true', const: 'true', required: 'yes' },
];

describe('clause table to standard', () => {
  test('a good table becomes a schema with the x- annotations, the field paths, and the condition as if/then', async () => {
    const { document } = await documentFromTableFile(csvTable(goodRows));
    const annotations = (title: string) => ({
      'x-title': { en: title, ru: `${title} (ru) — пункт`, fa: `${title} — بند` },
      'x-requirement': { en: `${title} holds.`, ru: 'Требование выполняется.', fa: 'الزام برقرار است.' },
      'x-source': 'Test source',
    });
    assert.deepEqual(document.schema, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:irru:std:TEST-TABLE:1.0.0',
      title: 'TEST-TABLE 1.0.0 — Test radios',
      type: 'object',
      additionalProperties: false,
      required: ['radio'],
      properties: {
        radio: {
          'x-clause': '5', ...annotations('Radio'), type: 'object', required: ['has5G'],
          properties: {
            has5G: { type: 'boolean' },
            bands: { items: { properties: { maxPower: { 'x-clause': '5.1', ...annotations('Power'), 'x-unit': 'dBm', type: 'number', maximum: 20 } } } },
          },
          allOf: [{
            if: { properties: { has5G: { const: true } }, required: ['has5G'] },
            then: { properties: { dfs: { 'x-clause': '5.2', ...annotations('DFS'), const: true } }, required: ['dfs'] },
          }],
        },
      },
    });
    // It compiles and checks as the engine does: 5.2 applies only with 5 GHz.
    const engine = createConformanceEngine();
    const prepared = engine.prepare({ code: document.code, version: document.version, contentHash: 'test', schema: document.schema }, []);
    const status = (spec: unknown) => Object.fromEntries(engine.check(prepared, spec).clauses.map((c) => [c.clause, c.status]));
    assert.deepEqual(status({ radio: { has5G: false, bands: [{ maxPower: 18 }] } }), { 5: 'pass', 5.1: 'pass', 5.2: 'not_applicable' });
    assert.deepEqual(status({ radio: { has5G: true, bands: [{ maxPower: 21 }] } }), { 5: 'fail', 5.1: 'fail', 5.2: 'fail' });
  });

  test('a table with problems is refused with every problem by row and column', async () => {
    const rows = [
      ...goodRows,
      { ...texts('Power again'), clause: '5.3', path: 'radio.bands[].maxPower', type: 'float' },
      { ...texts('Clash'), clause: '5.4', path: 'radio.dfs', 'applies when': 'radio.has5G = true', maximum: '3' },
      { ...texts('Unknown'), clause: '5.5', path: 'radio.tpc', 'applies when': 'radio.hasTpc = true', const: 'true' },
      { ...texts('Russian missing'), 'title ru': '', clause: '5.6', path: 'radio.label', type: 'string' },
      { ...texts('Bad'), clause: '5.7', path: 'radio..x', 'applies when': 'radio.has5G is true' },
    ];
    const problems = await problemsOf(csvTable(rows));
    const at = (row: number, column: string) => problems.find((p) => p.row === row && p.column === column)?.message;
    // Rows: 6 header lines, an empty line, the column header on row 8, table rows from row 9.
    assert.match(at(14, 'type') ?? '', /unknown type "float"/);
    assert.match(at(14, 'path') ?? '', /clashes with row 12/);
    assert.match(at(15, 'path') ?? '', /radio\.dfs clashes with row 13, which already describes it under the same condition/);
    assert.match(at(16, 'applies when') ?? '', /refers to radio\.hasTpc, which no row of the table describes/);
    assert.match(at(17, 'title ru') ?? '', /title in Russian is missing/);
    assert.match(at(18, 'path') ?? '', /"radio\.\.x" is not a field path/);
    assert.match(at(18, 'applies when') ?? '', /cannot read the condition/);
    assert.equal(problems.length, 7, JSON.stringify(problems));
  });

  test('a missing column and an unknown rule column are named on the column header row', async () => {
    const grid = tableGrid(header, goodRows).map((row, i, all) => (i === all.findIndex((r) => r[0] === 'clause') ? row.map((c) => (c === 'unit' ? 'colour' : c)) : row));
    const problems = await problemsOf(writeCsv(grid));
    assert.deepEqual(problems.map((p) => [p.row, p.column]), [[8, 'unit'], [8, 'colour']]);
    assert.match(problems[1]!.message, /unknown rule "colour"/);
  });

  test('the header block is required, and CLI or form values fill or override it', async () => {
    const problems = await problemsOf(csvTable(goodRows, { code: 'lower-case', version: '1.0' }));
    assert.deepEqual(problems.map((p) => p.column).sort(), ['category', 'code', 'title en', 'title fa', 'title ru', 'version']);
    const { document } = await documentFromTableFile(csvTable(goodRows, { version: '1.0.0' }), { code: 'TEST-FLAGS', category: 'test-radio', 'title en': 'T', 'title ru': 'Т', 'title fa': 'ت', version: '2.0.0' });
    assert.equal(document.schema.$id, 'urn:irru:std:TEST-FLAGS:2.0.0');
  });

  test('conditions: and, or, not, in, contains, comparisons and within compile to JSON Schema', async () => {
    const rows = [
      ...goodRows,
      { path: 'radio.bandsDeclared', type: 'array' },
      { path: 'radio.power', type: 'number' },
      { ...texts('Combined'), clause: '5.9', path: 'radio.note', type: 'string', 'applies when': '(radio.has5G = true or radio.bandsDeclared contains any ["5150-5250", "5250-5350"]) and not radio.power > 10' },
    ];
    const { document } = await documentFromTableFile(csvTable(rows));
    assert.deepEqual(JSON.parse(JSON.stringify(document.schema)).properties.radio.allOf[1].if, {
      allOf: [
        { anyOf: [{ properties: { has5G: { const: true } }, required: ['has5G'] }, { properties: { bandsDeclared: { contains: { enum: ['5150-5250', '5250-5350'] } } }, required: ['bandsDeclared'] }] },
        { not: { properties: { power: { exclusiveMinimum: 10 } }, required: ['power'] } },
      ],
    });
  });

  test('tables are bounded: too many bytes or rows are refused before anything is converted', async () => {
    await assert.rejects(documentFromTableFile(Buffer.alloc(maxTableBytes + 1, 0x61)), (error) => isDomainError(error, 'payload_too_large'));
    const many = Array.from({ length: maxTableRows + 1 }, (_, i) => ({ path: `f${i}`, type: 'string' }));
    await assert.rejects(documentFromTableFile(csvTable(many)), (error) => isDomainError(error, 'payload_too_large') && /at most 5000/.test(error.message));
    await assert.rejects(documentFromTableFile(Buffer.from('%PDF-1.7\n')), (error) => isDomainError(error, 'unsupported_media_type'));
  });

  test('the shipped template (XLSX and its CSV twin) describes the same valid standard', async () => {
    const xlsx = await documentFromTableFile(readFileSync('schemas/templates/clause-table-template.xlsx'));
    const csv = await documentFromTableFile(readFileSync('schemas/templates/clause-table-template.csv'));
    assert.deepEqual(xlsx.document, csv.document);
    assert.equal(xlsx.document.code, 'IRRU-EXAMPLE');
    const common = JSON.parse(readFileSync('schemas/standards/IRRU-COMMON.json', 'utf8')).schema;
    assert.doesNotThrow(() => createConformanceEngine().assertCompiles(xlsx.document.schema, [common]));
    assert.equal(allColumns.length, readFileSync('schemas/templates/clause-table-template.csv', 'utf8').split('\r\n').find((line) => line.startsWith('clause,'))!.split(',').length);
  });
});
