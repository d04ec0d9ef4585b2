import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { allColumns } from '../../server/domain/standards/clause-table/columns.ts';
import { runRegistryInProcess } from '../helpers/cli.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('registry standard from-table / to-table', () => {
  let registry: TestRegistry;
  const files = tempDir();
  const cli = (args: string[]) => runRegistryInProcess({ REGISTRY_DATA_DIR: registry.dataDir }, args);

  before(async () => {
    registry = await startRegistry({ shipped: true });
  });
  after(async () => {
    await registry.close();
    files.remove();
  });

  test('to-table writes a published standard as a CSV clause table; from-table --import stores it back as a draft of a new version', async () => {
    const out = join(files.path, 'ue.csv');
    const exported = await cli(['standard', 'to-table', 'IRRU-UE@1.0.0', '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout);
    assert.deepEqual({ ...summary, rows: summary.rows > 100 }, { code: 'IRRU-UE', version: '1.0.0', out, rows: true, escapeHatchRows: 0, jsonConditionRows: 0 });
    const csv = readFileSync(out, 'utf8');
    assert.match(csv, /^code,IRRU-UE\r\nversion,1\.0\.0\r\n/);
    assert.ok(csv.includes(`\r\n${allColumns.join(',')}\r\n`), 'the column header row');
    assert.match(csv, /\r\n5\.1\.3,[^\r\n]*,radio\.lte\.maxOutputPower,/);

    const imported = await cli(['standard', 'from-table', out, '--version', '1.1.0', '--import']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual({ ...JSON.parse(imported.stdout), contentHash: 'x' }, { code: 'IRRU-UE', version: '1.1.0', status: 'draft', contentHash: 'x' });
    const stored = await registry.store.standards.get('IRRU-UE', '1.1.0');
    assert.equal(stored?.status, 'draft');
    assert.equal(stored?.schemaId, 'urn:irru:std:IRRU-UE:1.1.0');
    assert.deepEqual(stored?.title, (await registry.store.standards.get('IRRU-UE', '1.0.0'))?.title);
  });

  test('to-table writes XLSX by the file name; from-table --out writes the standard document and stores nothing', async () => {
    const xlsx = join(files.path, 'wlan.xlsx');
    assert.equal((await cli(['standard', 'to-table', 'IRRU-WLAN@1.0.0', '--out', xlsx])).code, 0);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
    const json = join(files.path, 'wlan.json');
    const converted = await cli(['standard', 'from-table', xlsx, '--version', '2.0.0', '--out', json]);
    assert.equal(converted.code, 0, converted.stderr);
    const document = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(document.schema.$id, 'urn:irru:std:IRRU-WLAN:2.0.0');
    assert.equal(document.schema.properties.radio.properties.band2g4['x-clause'], '5.2');
    assert.equal(await registry.store.standards.get('IRRU-WLAN', '2.0.0'), null);
  });

  test('from-table without --out prints the document made from the shipped template', async () => {
    const printed = await cli(['standard', 'from-table', 'schemas/templates/clause-table-template.csv']);
    assert.equal(printed.code, 0, printed.stderr);
    const document = JSON.parse(printed.stdout);
    assert.equal(document.code, 'IRRU-EXAMPLE');
    assert.deepEqual(document.schema.properties.radio.allOf[0].if, { properties: { band5g: { const: true } }, required: ['band5g'] });
  });

  test('a table with problems prints one line per problem with its row and column, exits 1 and stores nothing', async () => {
    const bad = join(files.path, 'bad.csv');
    writeFileSync(bad, [
      'code,TEST-BAD', 'version,1.0.0', 'category,test-radio', 'title en,Bad', 'title ru,Плохой', 'title fa,بد', '',
      'clause,title en,title ru,title fa,requirement en,requirement ru,requirement fa,path,applies when,type,enum,minimum,maximum,pattern,required,unit,source,illustrative',
      '5.1,Power,Мощность,,Power is limited.,Мощность ограничена.,توان محدود است.,radio.power,,number,,,20,,yes,dBm,EN 300 328,',
      ',,,,,,,radio.power,,string,,,,,,,,',
      ',,,,,,,radio.dfs,radio.band5g = true,boolean,,,,,,,,',
    ].join('\n'));
    const result = await cli(['standard', 'from-table', bad, '--import']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const lines = result.stderr.split('\n');
    assert.match(lines[0]!, /bad\.csv: the clause table has 3 problems$/);
    assert.deepEqual(lines.slice(1).sort(), [
      'row 10, column "path": radio.power clashes with row 9, which already describes it',
      'row 11, column "applies when": the condition refers to radio.band5g, which no row of the table describes',
      'row 9, column "title fa": the title in Persian is missing (every clause is written in English, Russian and Persian)',
    ]);
    assert.equal(await registry.store.standards.get('TEST-BAD', '1.0.0'), null);
  });

  test('usage mistakes and unknown standards are told on one line', async () => {
    const noOut = await cli(['standard', 'to-table', 'IRRU-UE@1.0.0']);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /usage: registry standard to-table CODE@VERSION --out FILE\.xlsx\|FILE\.csv/);
    const missing = await cli(['standard', 'to-table', 'IRRU-NONE@1.0.0', '--out', join(files.path, 'none.csv')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no standard IRRU-NONE@1\.0\.0/);
    assert.equal(existsSync(join(files.path, 'none.csv')), false);
    const both = await cli(['standard', 'from-table', 'x.csv', '--out', 'y.json', '--import']);
    assert.equal(both.code, 2);
  });
});
