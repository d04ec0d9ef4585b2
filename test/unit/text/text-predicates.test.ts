import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../../server/domain/errors.ts';
import { assertIdentifier, findBidiControl, isIdentifier } from '../../../server/domain/text/identifier.ts';
import { findIllFormedText } from '../../../server/domain/text/well-formed.ts';

test('when text holds any bidi control, then findBidiControl gives its index, else -1', () => {
  for (const control of ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
    assert.equal(findBidiControl(`SAFE-${control}X1`), 5, control.codePointAt(0)!.toString(16));
  }
  assert.equal(findBidiControl('مدل SAFE-X1 😀'), -1);
});

test('when text is empty, ill-formed, or holds control or bidi characters, then it is no identifier', () => {
  for (const bad of ['', 'A\u0000', 'A\tB', 'A\u0085', 'AR-\ud800', 'SAFE-\u202e1X-LEDOM']) assert.equal(isIdentifier(bad), false, JSON.stringify(bad));
  for (const good of ['AR-100', 'مدل-۱۰۰', 'Модель 5G', '8517.13.00', 'X 😀']) assert.equal(isIdentifier(good), true, good);
  assert.throws(() => assertIdentifier('A\u2066B', '/spec/identification/model'), (error: unknown) => {
    assert.ok(error instanceof DomainError && error.code === 'validation_failed');
    assert.deepEqual(error.details.errors, [{ path: '/spec/identification/model', message: (error.details.errors as { message: string }[])[0]!.message, keyword: 'identifier', params: {} }]);
    return true;
  });
});

test('when values hold lone surrogates, then findIllFormedText gives the first pointer in document order (escaped per RFC 6901)', () => {
  assert.equal(findIllFormedText({ a: ['ok', { 'b/c~': 'x\udc00' }], z: '\ud800' }), '/a/1/b~1c~0');
  assert.equal(findIllFormedText({ a: 1, ['k\ud800']: 'v' }), '/k\ufffd');
  assert.equal(findIllFormedText('\ud800', '/spec'), '/spec');
  assert.equal(findIllFormedText({ emoji: '\ud83d\ude00', n: null, t: true }), null);
});

test('when a value nests 200,000 levels deep or is cyclic, then the walk still ends (no stack overflow)', () => {
  let deep: unknown = ['\ud800'];
  for (let depth = 0; depth < 200_000; depth++) deep = [deep];
  assert.equal(findIllFormedText(deep)?.length, 2 * 200_001);
  const cycle: Record<string, unknown> = { name: 'ok' };
  cycle.self = cycle;
  assert.equal(findIllFormedText(cycle), null);
});
