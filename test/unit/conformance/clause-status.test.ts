import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certainClauses } from '../../../server/domain/conformance/evaluation.ts';
import { beginPassEpoch } from '../../../server/domain/conformance/clause-slots.ts';
import { indexDocuments } from '../../../server/domain/conformance/document-index.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { runtimeOf } from '../../../server/domain/conformance/standard-runtime.ts';
import { commonSchema, conformingSpec, prepareProduct, productSchema, statuses } from './fixtures.ts';

const { engine, prepared } = prepareProduct();

test('when a spec conforms, then every evaluated clause passes and every unevaluated one is not applicable', () => {
  const report = engine.check(prepared, conformingSpec());
  assert.equal(report.conforms, true);
  assert.deepEqual(report.findings, []);
  const s = statuses(report);
  assert.deepEqual(
    Object.keys(s).filter((clause) => s[clause] === 'pass').sort(),
    ['1', '2.1', '3.1', 'C.2'],
  );
  assert.equal(report.clauses.length, prepared.clauses.length);
});

test('when an optional property is absent, then the clauses inside it are not applicable', () => {
  const s = statuses(engine.check(prepared, conformingSpec()));
  assert.deepEqual([s['4'], s['4.1'], s['4.1.1']], ['not_applicable', 'not_applicable', 'not_applicable']);
});

test('when an array is empty, then its own clause passes and the items clause is not applicable', () => {
  const s = statuses(engine.check(prepared, { ...conformingSpec(), ports: [] }));
  assert.deepEqual([s['4'], s['4.1'], s['4.1.1']], ['pass', 'not_applicable', 'not_applicable']);
});

test('when a tuple is shorter than prefixItems, then the missing positions are not applicable', () => {
  const s = statuses(engine.check(prepared, { ...conformingSpec(), bands: ['2.4GHz'] }));
  assert.deepEqual([s['5.1'], s['5.2']], ['pass', 'not_applicable']);
});

test('when a spec fails elsewhere, then clauses it meets still pass and unreached ones stay not applicable', () => {
  const report = engine.check(prepared, { ...conformingSpec(), voltage: 500, ports: [{ kind: 'eth' }] });
  const s = statuses(report);
  assert.equal(report.conforms, false);
  assert.deepEqual([s['3.1'], s['4'], s['4.1'], s['4.1.1'], s['2.1'], s['6']], ['fail', 'pass', 'pass', 'pass', 'pass', 'not_applicable']);
});

test('when a clause fails only in a nested clause, then the enclosing clauses fail too and siblings do not', () => {
  const s = statuses(engine.check(prepared, { ...conformingSpec(), ports: [{ kind: 'eth' }, { kind: 'ps2' }] }));
  assert.deepEqual([s['1'], s['4'], s['4.1'], s['4.1.1'], s['3.1']], ['fail', 'fail', 'fail', 'fail', 'pass']);
});

test('when clauses are reported, then each clause appears once, in the order of the clause index', () => {
  const report = engine.check(prepared, { ...conformingSpec(), power: {} });
  assert.deepEqual(report.clauses.map((c) => c.clause), prepared.clauses.map((c) => c.clause));
  assert.deepEqual(report.clauses[0], { clause: '1', title: { en: 'Product' }, status: 'fail' });
});

test('when clauses are certain to pass, then they are exactly those reached through required object properties, allOf and $ref', () => {
  const certain = certainClauses(indexDocuments(productSchema(), [commonSchema()]));
  assert.deepEqual([...certain].sort(), ['1', '2.1', '3.1', 'C.2']);
  const nested = certainClauses(indexDocuments({ type: 'object', required: ['a'], properties: { a: { allOf: [{ 'x-clause': 'A' }] } } }, []));
  assert.deepEqual([...nested], ['A']);
  const untyped = certainClauses(indexDocuments({ required: ['a'], properties: { a: { 'x-clause': 'A' } } }, []));
  assert.deepEqual([...untyped], []);
});

test('when a spec conforms, then the shortcut for certain clauses agrees with what validation recorded', () => {
  const runtime = runtimeOf(prepared);
  const specs = [
    conformingSpec(),
    { ...conformingSpec(), ports: [{ kind: 'usb' }], power: { mains: true }, radio: { wifi: false }, labels: ['CE'], mode: 'b' },
  ];
  for (const spec of specs) {
    const epoch = beginPassEpoch();
    assert.equal(runtime.fast(spec), true);
    // With no failures, failing() reads every clause's pass mark: no shortcut for certain clauses.
    assert.deepEqual(runtime.table.conforming(epoch).clauses, runtime.table.failing(epoch, []).clauses);
  }
});

test('when two conforming specs evaluate the same clauses, then their reports share one frozen clauses array', () => {
  const first = engine.check(prepared, conformingSpec());
  const second = engine.check(prepared, { ...conformingSpec(), voltage: 120 });
  const other = engine.check(prepared, { ...conformingSpec(), ports: [] });
  assert.equal(first.clauses, second.clauses);
  assert.notEqual(first.clauses, other.clauses);
  assert.ok(Object.isFrozen(first.clauses) && first.clauses.every((c) => Object.isFrozen(c)));
  assert.ok(Object.isFrozen(engine.check(prepared, { voltage: 1 }).clauses));
});

test('when a standard has more optional clauses than one key word holds and more clause sets than the cache, then every set is read right', () => {
  const names = Array.from({ length: 70 }, (_, i) => `p${i}`);
  const schema = {
    'x-clause': 'root',
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, { 'x-clause': `opt.${name}`, type: 'integer' }])),
  };
  const wide = createConformanceEngine().prepare({ code: 'WIDE', version: '1', contentHash: 'h', schema }, []);
  const runtime = runtimeOf(wide);
  // 600 distinct sets of 8 optional clauses (in the last key word, in the first, then across two),
  // and two sets whose keys hash alike: {p0} (words 1, 0) and {p30…p34} (words 0, 31).
  const sets = Array.from({ length: 600 }, (_, n) => {
    const offset = [62, 0, 26][Math.floor(n / 200)] ?? 0;
    const bits = (n % 200) + 1;
    return names.filter((_, i) => i >= offset && i < offset + 8 && ((bits >> (i - offset)) & 1) === 1);
  });
  const colliding = [['p0'], ['p30', 'p31', 'p32', 'p33', 'p34']];
  for (const present of [...sets, ...colliding, ...colliding]) {
    const spec = Object.fromEntries(present.map((name) => [name, 1]));
    const epoch = beginPassEpoch();
    assert.equal(runtime.fast(spec), true);
    const { clauses } = runtime.table.conforming(epoch);
    assert.deepEqual(clauses, runtime.table.failing(epoch, []).clauses);
    const passed = clauses.filter((c) => c.status === 'pass').map((c) => c.clause);
    assert.deepEqual(passed, ['root', ...present.map((name) => `opt.${name}`)]);
  }
});
