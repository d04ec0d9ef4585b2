import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conformingSpec, findingKeys, prepareProduct, statuses } from './fixtures.ts';

const { engine, prepared } = prepareProduct();

function pick(report: ReturnType<typeof engine.check>, ...clauses: string[]): string[] {
  const s = statuses(report);
  return clauses.map((clause) => s[clause] ?? 'missing');
}

test('when an if matches and its then fails, then the then-branch failure is reported once, without the if wrapper', () => {
  const report = engine.check(prepared, { ...conformingSpec(), radio: { wifi: true } });
  assert.deepEqual(findingKeys(report), [['7.1', '/radio', 'required']]);
  assert.deepEqual(pick(report, '7', '7.0', '7.1', '7.2'), ['fail', 'pass', 'fail', 'not_applicable']);
});

test('when an if does not match and its else fails, then the else clause fails and the then clause is not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), radio: { wifi: false, ssidMax: 3 } });
  assert.deepEqual(findingKeys(report), [['7.2', '/radio/ssidMax', 'false schema']]);
  assert.deepEqual(pick(report, '7', '7.0', '7.1', '7.2'), ['fail', 'not_applicable', 'not_applicable', 'fail']);
});

test('when an if matches and its then holds, then if and then pass and else is not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), radio: { wifi: true, ssidMax: 8 } });
  assert.equal(report.conforms, true);
  assert.deepEqual(pick(report, '7', '7.0', '7.1', '7.2'), ['pass', 'pass', 'pass', 'not_applicable']);
});

test('when no anyOf branch matches, then each branch failure is a finding of its own clause and the anyOf wrapper is folded', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: {} });
  assert.deepEqual(findingKeys(report), [
    ['6.1', '/power', 'required'],
    ['6.2', '/power', 'required'],
  ]);
  assert.deepEqual(pick(report, '6', '6.1', '6.2'), ['fail', 'fail', 'fail']);
});

test('when the first anyOf branch matches, then it passes and the branch never evaluated is not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: { poe: true } });
  assert.deepEqual(pick(report, '6', '6.1', '6.2'), ['pass', 'pass', 'not_applicable']);
});

test('when only the second anyOf branch matches, then the failed first branch is not applicable, not failed', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: { mains: true } });
  assert.equal(report.conforms, true);
  assert.deepEqual(pick(report, '6', '6.1', '6.2'), ['pass', 'not_applicable', 'pass']);
});

test('when no oneOf branch matches, then the branch failures are reported under their clauses and the oneOf wrapper is folded', () => {
  const report = engine.check(prepared, { ...conformingSpec(), mode: 'abc' });
  assert.deepEqual(findingKeys(report), [
    ['11.1', '/mode', 'const'],
    ['11.2', '/mode', 'maxLength'],
  ]);
  assert.deepEqual(pick(report, '11', '11.1', '11.2'), ['fail', 'fail', 'fail']);
});

test('when several oneOf branches match, then the oneOf failure itself is the finding, under the enclosing clause', () => {
  const report = engine.check(prepared, { ...conformingSpec(), mode: 'a' });
  assert.deepEqual(findingKeys(report), [['11', '/mode', 'oneOf']]);
  assert.deepEqual(report.findings[0]?.params, { passingSchemas: [0, 1] });
  assert.deepEqual(pick(report, '11', '11.1', '11.2'), ['fail', 'pass', 'pass']);
});

test('when exactly one oneOf branch matches, then it passes and the other is not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), mode: 'b' });
  assert.deepEqual(pick(report, '11', '11.1', '11.2'), ['pass', 'not_applicable', 'pass']);
});

test('when no item satisfies contains, then one contains finding goes to the contains clause and item failures are dropped', () => {
  const report = engine.check(prepared, { ...conformingSpec(), labels: ['FCC', 'EAC'] });
  assert.deepEqual(findingKeys(report), [['8.1', '/labels', 'contains']]);
  assert.equal(report.findings[0]?.schemaPath, '#/properties/labels/contains');
  assert.deepEqual(pick(report, '8', '8.1'), ['fail', 'fail']);
});

test('when some item satisfies contains, then the contains clause passes', () => {
  const report = engine.check(prepared, { ...conformingSpec(), labels: ['FCC', 'CE'] });
  assert.deepEqual(pick(report, '8', '8.1'), ['pass', 'pass']);
});

test('when the not subschema matches, then the not failure is attributed to the clause of that subschema', () => {
  const report = engine.check(prepared, { ...conformingSpec(), battery: { chemistry: 'NiCd' } });
  assert.deepEqual(findingKeys(report), [['9.1', '/battery', 'not']]);
  assert.deepEqual(pick(report, '9', '9.1'), ['fail', 'fail']);
});

test('when the not subschema does not match, then the spec passes the not and its inner clause is not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), battery: { chemistry: 'Li-ion' } });
  assert.equal(report.conforms, true);
  assert.deepEqual(pick(report, '9', '9.1'), ['pass', 'not_applicable']);
});

test('when a wrapper fails inside a failing anyOf branch, then nothing is reported twice and nothing is left unattributed', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: {}, radio: { wifi: true }, labels: [], mode: 'abc' });
  const keys = findingKeys(report);
  assert.equal(new Set(keys.map((k) => k.join('|'))).size, keys.length);
  assert.equal(keys.some(([clause]) => clause === null), false);
  assert.equal(keys.some(([, , keyword]) => keyword === 'if' || keyword === 'anyOf'), false);
});
