import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { specHash } from '../../../server/domain/conformance/index.ts';

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

test('when a value is not JSON, then specHash throws a TypeError', () => {
  assert.throws(() => specHash(undefined), TypeError);
  assert.throws(() => specHash({ a: Number.NaN }), TypeError);
});
