import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeList, emptyBitstring, encodeList, listLength, readBit, withBit } from '../../../server/domain/status-lists/bitstring.ts';

/** The spec's own example encodedList (Bitstring Status List v1.0, "Example BitstringStatusListCredential"): 131,072 clear bits. */
const specExample = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

describe('status list bitstring', () => {
  it('when the spec\'s example encodedList is decoded, then it is 131,072 clear bits', () => {
    const bits = decodeList(specExample);
    assert.ok(bits);
    assert.equal(bits.length * 8, 131_072);
    assert.ok(bits.every((byte) => byte === 0));
  });

  it('when bits are set, then index 0 is the left-most bit of the first byte and the last index the right-most of the last', () => {
    let bits = withBit(emptyBitstring(), 0, true);
    assert.equal(bits[0], 0x80);
    bits = withBit(bits, 7, true);
    assert.equal(bits[0], 0x81);
    bits = withBit(bits, 8, true);
    assert.equal(bits[1], 0x80);
    bits = withBit(bits, listLength - 1, true);
    assert.equal(bits.at(-1), 0x01);
    assert.deepEqual([0, 1, 7, 8, 9, listLength - 1].map((index) => readBit(bits, index)), [true, false, true, true, false, true]);
    const cleared = withBit(bits, 7, false);
    assert.equal(cleared[0], 0x80);
    assert.equal(bits[0], 0x81, 'withBit leaves its input as it was');
  });

  it('when a bit outside the list is set, then it is refused', () => {
    assert.throws(() => withBit(emptyBitstring(), listLength, true), RangeError);
    assert.throws(() => withBit(emptyBitstring(), -1, true), RangeError);
  });

  it('when a list is encoded, then it is u + unpadded base64url of GZIP data that any gunzip expands to the same bits', () => {
    const bits = withBit(withBit(emptyBitstring(), 94_567, true), 3, true);
    const encoded = encodeList(bits);
    assert.match(encoded, /^u[A-Za-z0-9_-]+$/);
    const expanded = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    assert.deepEqual(new Uint8Array(expanded), bits);
    assert.deepEqual(decodeList(encoded), bits);
  });

  it('when an encodedList is not multibase base64url GZIP data, or expands past the limit, then it decodes to null', () => {
    const gz = gzipSync(Buffer.alloc(16_384)).toString('base64url');
    assert.equal(decodeList(`z${gz}`), null, 'another multibase prefix');
    assert.equal(decodeList(gz), null, 'no prefix');
    assert.equal(decodeList(`u${Buffer.from('not gzip at all').toString('base64url')}`), null);
    assert.equal(decodeList(`u${gz}==`), null, 'padding');
    assert.equal(decodeList(42), null);
    assert.equal(decodeList(`u${gzipSync(Buffer.alloc(5 * 1024 * 1024)).toString('base64url')}`), null, 'a GZIP bomb');
    assert.ok(decodeList(`u${gz}`));
  });
});
