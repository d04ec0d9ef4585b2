import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSerialsAgree, parseSerialRange, serialFailures } from '../../../server/domain/customs/serials.ts';
import { isDomainError } from '../../../server/domain/errors.ts';

describe('serial ranges and quantity', () => {
  it('when a range shares its prefix and has equal-width numeric ends in order, then it is well-formed and counts inclusively', () => {
    assert.deepEqual(parseSerialRange({ from: 'SN0001', to: 'SN0500' }), { prefix: 'SN', width: 4, first: 1n, last: 500n, size: 500n });
    assert.equal((parseSerialRange({ from: 'A1B07', to: 'A1B07' }) as { size: bigint }).size, 1n);
  });

  it('when the ends have different prefixes, widths, no digits, or run backwards, then the range is refused', () => {
    for (const range of [{ from: 'Z9', to: 'A1' }, { from: 'SN1', to: 'SN0100' }, { from: 'SNA', to: 'SNB' }, { from: 'SN0500', to: 'SN0001' }]) {
      const parsed = parseSerialRange(range);
      assert.ok('rule' in parsed && parsed.rule === 'serial_range', JSON.stringify(range));
    }
  });

  it('when serials are given, then quantity must equal the listed serials plus the range size', () => {
    assert.deepEqual(serialFailures({ quantity: 502, serials: ['X1', 'X2'], serialRange: { from: 'SN0001', to: 'SN0500' } }), []);
    assert.deepEqual(serialFailures({ quantity: 3, serials: ['X1', 'X2'] }).map((f) => [f.path, f.rule]), [['/quantity', 'quantity_matches_serials']]);
    assert.deepEqual(serialFailures({ quantity: 1000 }), []);
  });

  it('when a listed serial also lies inside the range, then it is refused as counted twice', () => {
    assert.deepEqual(serialFailures({ quantity: 11, serials: ['SN0005'], serialRange: { from: 'SN0001', to: 'SN0010' } }).map((f) => f.rule), ['serial_in_range']);
  });

  it('when the range is malformed, then assertSerialsAgree throws validation_failed naming /serialRange and the rule', () => {
    assert.throws(() => assertSerialsAgree({ quantity: 3, serials: ['S1', 'S2'], serialRange: { from: 'Z9', to: 'A1' } }), (error) => {
      assert.ok(isDomainError(error, 'validation_failed'));
      assert.deepEqual((error.details.errors as Array<{ path: string; keyword: string }>).map((e) => [e.path, e.keyword]), [['/serialRange', 'serial_range']]);
      return true;
    });
  });
});
