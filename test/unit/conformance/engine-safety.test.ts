import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { createEngineAjv } from '../../../server/domain/conformance/ajv-factory.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { compileLinearRegExp } from '../../../server/domain/conformance/linear-regexp.ts';
import { duplicatePair } from '../../../server/domain/conformance/unique-items.ts';
import { isDomainError } from '../../../server/domain/errors.ts';

const engine = createConformanceEngine();
let serial = 0;
const prepare = (schema: Record<string, unknown>, referenced: Record<string, unknown>[] = []) =>
  engine.prepare({ code: 'SAFE', version: String(++serial), contentHash: 'h', schema }, referenced);

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

test('when a pattern could backtrack exponentially in V8, then RE2 matches a 10,000-char string in well under 100 ms', () => {
  const prepared = prepare({ properties: { a: { type: 'string', pattern: '^(a|a)*$' }, b: { type: 'string', pattern: 'a*a*a*a*a*a*a*b' } } });
  // The first failing check compiles the all-errors validator; time the matching, not that.
  engine.check(prepared, { a: 'b', b: 'a' });
  const long = `${'a'.repeat(9999)}!`;
  const [report, ms] = timed(() => engine.check(prepared, { a: long, b: long }));
  assert.equal(report.conforms, false);
  assert.deepEqual(report.findings.map((f) => f.instancePath).sort(), ['/a', '/b']);
  assert.ok(ms < 50, `took ${ms} ms`);
});

test('when RE2 runs ECMAScript patterns, then it agrees with V8 on whitespace, dot, escapes and Unicode properties', () => {
  const cases: [string, string[]][] = [
    ['^8517\\.62(\\.[0-9]{2,4})?$', ['8517.62', '8517.62.00', '8517.62.1', '8517x62']],
    ['^[A-Z]{2}(-[A-Z0-9]+)*$', ['RU', 'RU-MOW', 'IR-07-X', 'ru', 'RU-']],
    ['^\\S(?:.*\\S)?$', ['5.1', ' 5.1', '5\u00a0', 'a\nb', 'a\u2028b']],
    ['^\\p{Letter}+$', ['Ωμέγα', 'abc1', 'фа']],
    ['^[\\s\\d]+$', ['1 2\u3000', '1x']],
    ['^\\u00e1\\u{1F600}$', ['á😀', 'a😀']],
    ['^[^]$', ['\n', 'ab']],
  ];
  for (const [pattern, inputs] of cases) {
    const rx = compileLinearRegExp(pattern);
    for (const input of inputs) assert.equal(rx.test(input), new RegExp(pattern, 'u').test(input), `${pattern} on ${JSON.stringify(input)}`);
  }
});

test('when the shipped standards are prepared, then every pattern they use compiles on RE2', () => {
  const read = (code: string) => (JSON.parse(readFileSync(new URL(`../../../schemas/standards/${code}.json`, import.meta.url), 'utf8')) as { schema: Record<string, unknown> }).schema;
  const common = read('IRRU-COMMON');
  for (const code of ['IRRU-UE', 'IRRU-WLAN', 'IRRU-IPCAM']) assert.doesNotThrow(() => engine.assertCompiles(read(code), [common]), code);
});

test('when formats are checked, then ajv-formats\' regex formats still accept and refuse as before', () => {
  const ajv = createEngineAjv('plain');
  const valid = (format: string, value: string) => ajv.validate({ type: 'string', format }, value);
  assert.equal(valid('email', 'officer@customs.ir'), true);
  assert.equal(valid('email', 'not an email'), false);
  assert.equal(valid('ipv4', '10.0.0.1'), true);
  assert.equal(valid('ipv4', '10.0.0.256'), false);
  assert.equal(valid('uuid', '123e4567-e89b-12d3-a456-426614174000'), true);
  assert.equal(valid('uri-reference', 'urn:irru:std:X:1.0.0#/a'), true);
  assert.equal(valid('hostname', 'registry.example'), true);
  assert.equal(valid('duration', 'P1DT2H'), true);
  assert.equal(valid('duration', 'P'), false);
});

test('when uniqueItems runs over 20,000 $ref integers, then it takes linear time and the all-errors pass stays small', () => {
  const prepared = prepare({ $defs: { band: { type: 'integer', minimum: 1 } }, properties: { bands: { type: 'array', items: { $ref: '#/$defs/band' }, uniqueItems: true } } });
  const bands = Array.from({ length: 20_000 }, (_, i) => i + 1);
  const [ok, okMs] = timed(() => engine.check(prepared, { bands }));
  assert.equal(ok.conforms, true);
  assert.ok(okMs < 200, `conforming check took ${okMs} ms`);
  engine.check(prepared, { bands: [1, 1] });
  const [bad, badMs] = timed(() => engine.check(prepared, { bands: [...bands, 7] }));
  assert.deepEqual(bad.findings.map((f) => [f.keyword, f.params]), [['uniqueItems', { i: 20_000, j: 6 }]]);
  assert.ok(badMs < 200, `failing check took ${badMs} ms`);
});

test('when duplicates are found, then the pair reported is the one ajv\'s pairwise loop reports', () => {
  // ajv's loop: i from the end, j from i - 1 down; equality as JSON Schema defines it (0 equals -0).
  const equal = (a: unknown, b: unknown) => isDeepStrictEqual(a, b) || (a === 0 && b === 0);
  const reference = (items: unknown[]): [number, number] | undefined => {
    for (let i = items.length; i--; ) for (let j = i; j--; ) if (equal(items[i], items[j])) return [i, j];
    return undefined;
  };
  const samples: unknown[][] = [[1, 2, 1, 3, 2], [{ a: 1, b: 2 }, { b: 2, a: 1 }], ['1', 1], [[1], [1], 0], [null, false, 0, ''], [0, -0], [3, 1, 3, 1, 3]];
  for (const items of samples) assert.deepEqual(duplicatePair(items), reference(items), JSON.stringify(items));
});

test('when a spec has 20,000 failures, then the report lists the first 1,000 and counts them all', () => {
  const prepared = prepare({ properties: { bands: { type: 'array', items: { type: 'integer', maximum: 0 } } } });
  const report = engine.check(prepared, { bands: Array.from({ length: 20_000 }, (_, i) => i + 1) });
  assert.equal(report.findings.length, 1000);
  assert.equal(report.findingsTotal, 20_000);
  assert.equal(report.findingsTruncated, true);
  assert.ok(JSON.stringify(report).length < 1_000_000);
});

test('when a standard sets the meta-schema $id and "not": {}, then it is refused and other standards still check', () => {
  const hostile = { $id: 'https://json-schema.org/draft/2020-12/schema', not: {} };
  assert.throws(() => engine.assertCompiles(hostile, []), (error) => isDomainError(error, 'invalid_schema'));
  assert.throws(() => prepare(hostile), (error) => isDomainError(error, 'invalid_schema'));
  const report = engine.check(prepare({ type: 'object', properties: { n: { type: 'integer' } } }), { n: 1 });
  assert.equal(report.conforms, true);
});

test('when two standards embed the same $id with different content, then each validates by its own', () => {
  const withShared = (type: string) => ({ $ref: 'urn:shared', $defs: { s: { $id: 'urn:shared', type } } });
  const strings = prepare(withShared('string'));
  const numbers = prepare(withShared('number'));
  assert.equal(engine.check(strings, 'x').conforms, true);
  assert.equal(engine.check(numbers, 1).conforms, true);
  assert.equal(engine.check(strings, 1).conforms, false);
});

test('when a $dynamicRef has no $dynamicAnchor at its resource root, then it is refused instead of overflowing on every check', () => {
  const suite = { $id: 'https://example.com/derived', $ref: './baseSchema', $defs: { derived: { $dynamicAnchor: 'addons', properties: { bar: { type: 'string' } } }, baseSchema: { $id: './baseSchema', unevaluatedProperties: false, properties: { foo: { type: 'string' } }, $dynamicRef: '#addons', $defs: { defaultAddons: { $dynamicAnchor: 'addons' } } } } };
  assert.throws(() => engine.assertCompiles(suite, []), /unsupported \$dynamicRef at "\/\$defs\/baseSchema\/\$dynamicRef".*\$dynamicAnchor/);
});

test('when a $dynamicRef points to the anchor at its resource root, then a small spec is checked', () => {
  const tree = { $dynamicAnchor: 'node', type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $dynamicRef: '#node' } } } };
  const report = engine.check(prepare(tree), { name: 'root', children: [{ name: 'leaf' }] });
  assert.equal(report.conforms, true);
});

test('when the schema recurses on the same value, then a small spec is told the schema recursed, not that it is too large', () => {
  const report = engine.check(prepare({ 'x-clause': '1', type: 'object', allOf: [{ $ref: '#' }] }), { a: 1, b: 2 });
  assert.equal(report.findings[0]?.keyword, 'uncheckable');
  assert.equal(report.findings[0]?.params.limit, 'stack');
  assert.match(report.findings[0]?.message ?? '', /only 1 levels deep; the standard's schema recurses/);
  assert.doesNotMatch(report.findings[0]?.message ?? '', /too large/);
});

test('when a deep spec overflows the validator, then the report names the depth limit and the depth', () => {
  const prepared = prepare({ type: 'object', properties: { child: { $ref: '#' } } });
  let spec: Record<string, unknown> = {};
  for (let depth = 0; depth < 100_000; depth++) spec = { child: spec };
  const finding = engine.check(prepared, spec).findings[0];
  assert.equal(finding?.params.limit, 'depth');
  assert.match(finding?.message ?? '', /nested 100001 levels deep/);
});
