import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonId, commonSchema, conformingSpec, findingKeys, prepareProduct, statuses } from './fixtures.ts';

const { engine, prepared } = prepareProduct();

test('when a property breaks its subschema, then the finding is attributed to the clause on that property', () => {
  const report = engine.check(prepared, { ...conformingSpec(), voltage: 50 });
  assert.deepEqual(findingKeys(report), [['3.1', '/voltage', 'minimum']]);
  assert.equal(report.findings[0]?.schemaPath, '#/properties/voltage/minimum');
  assert.deepEqual(report.findings[0]?.params, { comparison: '>=', limit: 100 });
});

test('when a required property is missing, then the finding is attributed to the clause on properties/<name>', () => {
  const report = engine.check(prepared, { hsCode: '8517.62' });
  assert.deepEqual(findingKeys(report), [['3.1', '', 'required']]);
  assert.equal(report.findings[0]?.schemaPath, '#/required');
  assert.deepEqual(report.findings[0]?.title, null);
  assert.equal(statuses(report)['3.1'], 'fail');
  assert.equal(statuses(report)['1'], 'fail');
});

test('when a value breaks a subschema $ref-ed from another document by $id, then the clause there and every enclosing clause fail', () => {
  const report = engine.check(prepared, { ...conformingSpec(), hsCode: '12' });
  assert.deepEqual(findingKeys(report), [['C.2', '/hsCode', 'pattern']]);
  assert.equal(report.findings[0]?.schemaPath, `${commonId}#/$defs/hsCode/pattern`);
  assert.deepEqual(report.findings[0]?.title, { en: 'HS code', ru: 'Код ТН ВЭД', fa: 'کد HS' });
  const s = statuses(report);
  assert.deepEqual([s['C.2'], s['2.1'], s['1'], s['3.1']], ['fail', 'fail', 'fail', 'pass']);
});

test('when array items break their subschema, then findings go to the items clause, per item', () => {
  const report = engine.check(prepared, { ...conformingSpec(), ports: [{}, { kind: 'serial' }, { kind: 'usb' }] });
  assert.deepEqual(findingKeys(report), [
    ['4.1.1', '/ports/0', 'required'],
    ['4.1.1', '/ports/1/kind', 'enum'],
  ]);
  const s = statuses(report);
  assert.deepEqual([s['4'], s['4.1'], s['4.1.1']], ['fail', 'fail', 'fail']);
});

test('when a tuple position breaks its prefixItems subschema, then only that position\'s clause fails', () => {
  const report = engine.check(prepared, { ...conformingSpec(), bands: ['2.4GHz', '6GHz'] });
  assert.deepEqual(findingKeys(report), [['5.2', '/bands/1', 'const']]);
  const s = statuses(report);
  assert.deepEqual([s['5.1'], s['5.2']], ['pass', 'fail']);
});

test('when one allOf branch fails, then the finding goes to that branch\'s clause and the other branch passes', () => {
  const missing = engine.check(prepared, { ...conformingSpec(), security: {} });
  assert.deepEqual(findingKeys(missing), [['10.1', '/security', 'required']]);
  assert.deepEqual([statuses(missing)['10'], statuses(missing)['10.1'], statuses(missing)['10.2']], ['fail', 'fail', 'pass']);
  const wrong = engine.check(prepared, { ...conformingSpec(), security: { tls: '1.0' } });
  assert.deepEqual(findingKeys(wrong), [['10.2', '/security/tls', 'enum']]);
  assert.deepEqual([statuses(wrong)['10.1'], statuses(wrong)['10.2']], ['pass', 'fail']);
});

test('when no clause encloses a failure, then the finding has a null clause', async () => {
  const { createConformanceEngine } = await import('../../../server/domain/conformance/index.ts');
  const bare = createConformanceEngine();
  const standard = bare.prepare({ code: 'BARE', version: '1', contentHash: 'h', schema: { type: 'object', required: ['a'] } }, []);
  const report = bare.check(standard, {});
  assert.deepEqual(findingKeys(report), [[null, '', 'required']]);
  assert.equal(report.findings[0]?.title, null);
  assert.deepEqual(report.clauses, []);
});

test('when a property subschema is only a $ref, then a missing property is attributed to the clause of the $ref target', () => {
  const standard = engine.prepare(
    {
      code: 'REF',
      version: '1',
      contentHash: 'h',
      schema: { type: 'object', required: ['hs'], properties: { hs: { $ref: `${commonId}#/$defs/hsCode` } } },
    },
    [commonSchema()],
  );
  const report = engine.check(standard, {});
  assert.deepEqual(findingKeys(report), [['C.2', '', 'required']]);
});

test('when dependentRequired is not met, then the finding is attributed to the clause of the missing property', () => {
  const standard = engine.prepare(
    {
      code: 'DEP',
      version: '1',
      contentHash: 'h',
      schema: {
        type: 'object',
        'x-clause': '1',
        properties: { battery: { 'x-clause': '1.1' }, batteryCapacity: { 'x-clause': '1.2', type: 'number' } },
        dependentRequired: { battery: ['batteryCapacity'] },
      },
    },
    [],
  );
  const report = engine.check(standard, { battery: 'Li-ion' });
  assert.deepEqual(findingKeys(report), [['1.2', '', 'dependentRequired']]);
  assert.deepEqual(statuses(report), { '1': 'fail', '1.1': 'pass', '1.2': 'fail' });
});

test('when a failure sits in a referenced subschema ajv compiles as a separate function, then its clause and schema path are still found', () => {
  const library = {
    $id: 'urn:test:lib:1',
    $defs: {
      // A $ref inside keeps ajv from inlining this definition: errors come back with callee-relative paths.
      module: { 'x-clause': 'L.1', type: 'object', properties: { power: { 'x-clause': 'L.1.1', type: 'number' }, sub: { $ref: '#/$defs/module' } } },
    },
  };
  const standard = engine.prepare(
    { code: 'LIB', version: '1', contentHash: 'h', schema: { 'x-clause': '1', type: 'object', properties: { main: { 'x-clause': '2', $ref: 'urn:test:lib:1#/$defs/module' } } } },
    [library],
  );
  const report = engine.check(standard, { main: { sub: { sub: { power: 'high' } } } });
  assert.deepEqual(findingKeys(report), [['L.1.1', '/main/sub/sub/power', 'type']]);
  assert.equal(report.findings[0]?.schemaPath, 'urn:test:lib:1#/$defs/module/properties/power/type');
  assert.deepEqual(statuses(report), { '1': 'fail', '2': 'fail', 'L.1': 'fail', 'L.1.1': 'fail' });
});
