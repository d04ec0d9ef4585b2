import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import canonicalize from 'canonicalize';
import { specHash } from '../../../server/domain/conformance/index.ts';
import { DomainError } from '../../../server/domain/errors.ts';

test('when two specs differ only in key order, then their hashes are equal', () => {
  const a = { model: 'X1', radio: { bands: ['n78', 'n41'], power: 23 }, voltage: 230 };
  const b = { voltage: 230, radio: { power: 23, bands: ['n78', 'n41'] }, model: 'X1' };
  assert.equal(specHash(a), specHash(b));
});

test('when two specs differ in a value or in array order, then their hashes differ', () => {
  const base = specHash({ bands: ['n78', 'n41'] });
  assert.notEqual(base, specHash({ bands: ['n41', 'n78'] }));
  assert.notEqual(base, specHash({ bands: ['n78', 'n40'] }));
});

test('when a spec is hashed, then the hash is SHA-256 hex of its RFC 8785 canonical JSON', () => {
  const canonical = '{"a":1,"b":[true,null,"x"],"c":1e+21}';
  const expected = createHash('sha256').update(canonical).digest('hex');
  assert.equal(specHash({ c: 1e21, b: [true, null, 'x'], a: 1.0 }), expected);
  assert.match(specHash({}), /^[0-9a-f]{64}$/);
});

test('when a value is not JSON, then specHash throws a validation_failed DomainError', () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  for (const value of [undefined, { a: Number.NaN }, { a: Infinity }, { a: () => 1 }, cycle]) {
    assert.throws(() => specHash(value), (error: unknown) => error instanceof DomainError && error.code === 'validation_failed');
  }
});

test('when a spec holds a lone surrogate in a value or a key, then specHash throws naming its pointer and never returns ""', () => {
  const cases: [unknown, string][] = [
    [{ identification: { model: 'X\ud800' } }, '/identification/model'],
    [{ bands: ['n78', '\udc00'] }, '/bands/1'],
    [{ radio: { ['a/\ud800']: 1 } }, '/radio/a~1\ufffd'],
    ['\ud83d', '/'],
  ];
  for (const [spec, path] of cases) {
    assert.throws(() => specHash(spec), (error: unknown) => {
      assert.ok(error instanceof DomainError && error.code === 'validation_failed');
      assert.deepEqual((error.details.errors as { path: string; keyword: string }[]).map((e) => [e.path, e.keyword]), [[path, 'well_formed_unicode']]);
      return true;
    });
  }
  assert.match(specHash({ emoji: '\ud83d\ude00', rtl: 'مدل' }), /^[0-9a-f]{64}$/);
});

test('when a spec nests 100,000 levels deep, then it still has a 64-digit hash (no stack overflow, never "")', () => {
  let spec: Record<string, unknown> = { leaf: true };
  for (let depth = 0; depth < 100_000; depth++) spec = { child: spec };
  assert.match(specHash(spec), /^[0-9a-f]{64}$/);
});

test('when the shipped example specs are hashed, then the hash is that of the canonicalize package (hashes stored before stay valid)', () => {
  const examples = join(import.meta.dirname, '..', '..', '..', 'schemas', 'examples');
  const files = readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
  assert.ok(files.length > 10);
  for (const file of files) {
    const spec: unknown = JSON.parse(readFileSync(join(examples, file), 'utf8'));
    assert.equal(specHash(spec), createHash('sha256').update(canonicalize(spec)!).digest('hex'), file);
  }
  const tricky = { 'e\u0301': [1e-7, -0, 0.1 + 0.2, 2 ** 60, 'a\u0001\u2028"\\'], é: null, '\ud83d\ude00': {}, z: [[], [{}]] };
  assert.equal(specHash(tricky), createHash('sha256').update(canonicalize(tricky)!).digest('hex'));
});
