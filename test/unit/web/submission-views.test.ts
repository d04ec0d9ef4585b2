import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { diffRevisions, maxDiffRows, presentClauseMatrix, presentRevisionDiff, summarizeReport } from '../../../server/http/web/submission-views/index.ts';
import { commonDocument, radioDocument, radioSpec } from '../../fixtures/test-standards.ts';

const engine = createConformanceEngine();
const doc = radioDocument();
const prepared = engine.prepare({ code: doc.code, version: doc.version, contentHash: 'test', schema: doc.schema }, [commonDocument.schema]);
const clauses = engine.clauseIndex(doc.schema, [commonDocument.schema]);

describe('clause matrix', () => {
  const spec = radioSpec({ power: 30, wifi5: true }, { hsCode: '9999' });
  const report = engine.check(prepared, spec);

  test('each clause once with its result in words and an icon; failures with the value in the page\'s digits, the unit, the engine\'s message and a link to the field', () => {
    const fieldIds = new Map([['/power', 'field-power'], ['/dfs', 'field-dfs'], ['/identification', 'field-identification']]);
    const matrix = presentClauseMatrix(report, 'fa', { spec, clauses, fieldIds });
    assert.equal(matrix.conforms, false);
    assert.deepEqual(matrix.rows.map((row) => [row.clause, row.status]), report.clauses.map((c) => [c.clause, c.status]));
    const power = matrix.rows.find((row) => row.clause === '5.1')!;
    assert.deepEqual([power.title, power.statusText, power.icon, power.unit], ['Output power (fa)', 'ردشده', '✗', 'dBm']);
    assert.equal(power.failures.length, 1);
    assert.equal(power.failures[0]!.value, '۳۰');
    assert.equal(power.failures[0]!.href, '#field-power');
    assert.match(power.failures[0]!.message, /باید حداکثر/);
    const dfs = matrix.rows.find((row) => row.clause === '5.2')!;
    assert.deepEqual([dfs.failures[0]!.missing, dfs.failures[0]!.pointer, dfs.failures[0]!.href], ['dfs', '/dfs', '#field-dfs']);
    const hs = matrix.rows.find((row) => row.clause === 'C.1')!;
    assert.equal(hs.failures[0]!.value, '9999');
    assert.equal(hs.failures[0]!.href, '#field-identification', 'a field the form does not show links to its nearest group');
    const enclosing = matrix.rows.find((row) => row.clause === '4.1')!;
    assert.deepEqual([enclosing.status, enclosing.failures, enclosing.failsWithin], ['fail', [], true]);
    const passed = matrix.rows.find((row) => row.status === 'pass')!;
    assert.deepEqual([passed.icon, passed.failures, passed.requirement], ['✓', [], '']);
    assert.deepEqual(matrix.counts, { pass: report.clauses.filter((c) => c.status === 'pass').length, fail: 5, notApplicable: report.clauses.filter((c) => c.status === 'not_applicable').length });
  });

  test('without a form there are no links, and Russian gets the Russian message', () => {
    const matrix = presentClauseMatrix(report, 'ru', { spec, clauses });
    const power = matrix.rows.find((row) => row.clause === '5.1')!;
    assert.equal(power.failures[0]!.href, null);
    assert.equal(power.failures[0]!.value, '30');
    assert.equal(power.failures[0]!.message, report.findings.find((f) => f.clause === '5.1')!.messages.ru);
    assert.equal(power.statusText, 'не выполнен');
  });

  test('a stored report of any shape never throws; findings without a clause get a row of their own', () => {
    for (const broken of [null, undefined, 'x', 42, [], { clauses: 'no' }, { clauses: [null, 1, { clause: 7 }], findings: [null, { clause: 3 }] }]) {
      assert.doesNotThrow(() => presentClauseMatrix(broken, 'en'));
    }
    const matrix = presentClauseMatrix({ conforms: false, clauses: [], findings: [{ clause: null, instancePath: '', keyword: 'uncheckable', message: 'too deep', messages: { en: 'too deep', ru: 'слишком глубоко', fa: 'بسیار عمیق' }, params: {} }] }, 'ru');
    assert.deepEqual(matrix.rows.map((row) => [row.clause, row.title, row.failures[0]!.message]), [[null, 'Вне пунктов стандарта', 'слишком глубоко']]);
    assert.deepEqual(summarizeReport(report), { conforms: false, ...Object.fromEntries(Object.entries(presentClauseMatrix(report, 'en').counts)) });
  });
});

describe('revision diff', () => {
  test('changed, added and removed leaves by JSON pointer, in the order they appear', () => {
    const diff = diffRevisions(
      { power: 30, wifi5: true, identification: { model: 'A', variants: ['x', 'y'] }, 'a/b': 1, gone: [] },
      { power: 20, wifi5: true, identification: { model: 'A', variants: ['x'] }, 'a/b': 2, dfs: true, extra: {} },
    );
    assert.deepEqual(diff.rows.map((row) => [row.pointer, row.change, row.before, row.after]), [
      ['/power', 'changed', 30, 20],
      ['/identification/variants/1', 'removed', 'y', undefined],
      ['/a~1b', 'changed', 1, 2],
      ['/gone', 'removed', [], undefined],
      ['/dfs', 'added', undefined, true],
      ['/extra', 'added', undefined, {}],
    ]);
    assert.equal(diff.truncated, false);
    const shown = presentRevisionDiff(diff, 'fa', { from: 1, to: 2 });
    assert.deepEqual([shown.rows[0]!.before, shown.rows[0]!.after, shown.rows[0]!.changeText, shown.rows[4]!.after, shown.rows[1]!.after], ['۳۰', '۲۰', 'تغییریافته', 'بله', null]);
  });

  test('identical specs have no rows; huge ones are bounded and say so', () => {
    assert.deepEqual(diffRevisions({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), { rows: [], truncated: false });
    const big = diffRevisions({ list: Array.from({ length: 30_000 }, (_, i) => i) }, { list: Array.from({ length: 30_000 }, (_, i) => i + 1) });
    assert.equal(big.rows.length, maxDiffRows);
    assert.equal(big.truncated, true);
    assert.doesNotThrow(() => diffRevisions(undefined, 'x'));
  });
});
