import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConformanceEngine, engineInfo, specHash, type PreparedStandard } from '../../../server/domain/conformance/index.ts';
import { commonSchema, conformingSpec, prepareProduct, productSchema } from './fixtures.ts';

const { engine, prepared } = prepareProduct();
const now = new Date('2025-03-01T10:00:00.000Z');

test('when a spec is checked, then the report has exactly the contracted fields', () => {
  const spec = { ...conformingSpec(), voltage: 90 };
  const report = engine.check(prepared, spec, now);
  assert.deepEqual(Object.keys(report).sort(), ['checkedAt', 'clauses', 'conforms', 'engine', 'findings', 'findingsTotal', 'findingsTruncated', 'specHash', 'standard']);
  assert.equal(report.conforms, false);
  assert.deepEqual(report.standard, { code: 'IRRU-TEST', version: '1.0.0', hash: 'test-hash' });
  assert.equal(report.specHash, specHash(spec));
  assert.deepEqual(report.engine, { name: engineInfo.name, version: engineInfo.version });
  assert.equal(report.checkedAt, '2025-03-01T10:00:00.000Z');
});

test('when a finding is reported, then it carries clause, title, paths, keyword, params and messages in three languages', () => {
  const report = engine.check(prepared, { ...conformingSpec(), voltage: 90 }, now);
  assert.deepEqual(report.findings, [
    {
      clause: '3.1',
      title: null,
      status: 'fail',
      instancePath: '/voltage',
      schemaPath: '#/properties/voltage/minimum',
      keyword: 'minimum',
      message: 'must be >= 100',
      messages: {
        en: 'must be >= 100',
        ru: 'должно быть >= 100',
        fa: 'باید دست\u200cکم \u2068100\u2069 باشد',
      },
      params: { comparison: '>=', limit: 100 },
    },
  ]);
});

test('when a report is serialised, then it is plain JSON that round-trips', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: {} }, now);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test('when the same standard version is prepared twice, then the compiled standard is reused', () => {
  const doc = { code: 'IRRU-TEST', version: '1.0.0', contentHash: 'test-hash', schema: productSchema() };
  assert.equal(engine.prepare(doc, [commonSchema()]), prepared);
  const changed = engine.prepare({ ...doc, contentHash: 'other-hash' }, [commonSchema()]);
  assert.notEqual(changed, prepared);
  assert.equal(changed.contentHash, 'other-hash');
});

test('when the spec is any JSON value, then check answers without throwing', () => {
  for (const spec of [null, 0, 'text', true, [], [{}], {}]) {
    const report = engine.check(prepared, spec, now);
    assert.equal(report.conforms, false);
    assert.ok(report.findings.length > 0);
  }
});

test('when the spec nests deeper than the validator can recurse, then the report says it could not be checked', () => {
  const recursive = createConformanceEngine().prepare(
    { code: 'TREE', version: '1', contentHash: 'h', schema: { 'x-clause': '1', type: 'object', properties: { child: { $ref: '#' } } } },
    [],
  );
  let spec: Record<string, unknown> = {};
  for (let depth = 0; depth < 100_000; depth++) spec = { child: spec };
  const report = createConformanceEngine().check(recursive, spec, now);
  assert.equal(report.conforms, false);
  assert.equal(report.findings[0]?.keyword, 'uncheckable');
  assert.match(report.findings[0]?.messages.ru ?? '', /не удалось проверить/);
  assert.deepEqual(report.clauses, [{ clause: '1', title: null, status: 'not_applicable' }]);
});

test('when check is given a standard no engine prepared, then it throws a TypeError (a programming error)', () => {
  const forged: PreparedStandard = { code: 'X', version: '1', contentHash: 'h', clauses: [] };
  assert.throws(() => engine.check(forged, {}), TypeError);
});
