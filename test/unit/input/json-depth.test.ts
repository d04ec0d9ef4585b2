import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beyondDepth } from '../../../server/domain/json-depth.ts';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('input nesting depth', () => {
  it('when a value nests exactly to the limit, then it passes; one level more names where it goes too deep', () => {
    assert.equal(beyondDepth(nested(64), 64), null);
    assert.equal(beyondDepth(nested(65), 64), `/${Array(64).fill('0').join('/')}`);
    assert.equal(beyondDepth({ a: { 'b/c': [{}] } }, 3), '/a/b~1c/0');
    assert.equal(beyondDepth('text', 0), null);
  });

  it('when a value nests 100,000 levels, then it is measured without running out of stack', () => {
    assert.notEqual(beyondDepth(nested(100_000), 64), null);
  });
});
