import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The bitstring of a W3C Bitstring Status List v1.0 (§2.2 "BitstringStatusListCredential", `encodedList`;
 * §3.3–3.4 generation and expansion): one bit per certificate, bit 0 the left-most (most significant) bit of
 * the first byte; GZIP-compressed (RFC 1952), then multibase base64url without padding, prefix `u`.
 */

/** Entries in every list the registry publishes: the spec's minimum of 131,072 (16 KiB uncompressed, §3.2 step 2). */
export const listLength = 131_072;

/** The most a received list may expand to (4 MiB, 32 Mi entries): a GZIP bomb stops here instead of filling memory. */
const maxExpandedBytes = 4 * 1024 * 1024;

/** A list with every bit clear. */
export function emptyBitstring(): Uint8Array {
  return new Uint8Array(listLength / 8);
}

/** Whether bit `index` is set; `index` must be within the bitstring. */
export function readBit(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

/** A copy of the bitstring with bit `index` set to `value`. */
export function withBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) throw new RangeError(`bit ${index} is outside a list of ${bits.length * 8}`);
  const copy = new Uint8Array(bits);
  const mask = 1 << (7 - (index & 7));
  copy[index >> 3] = value ? copy[index >> 3]! | mask : copy[index >> 3]! & ~mask;
  return copy;
}

/** The `encodedList` value: `u` + base64url (no padding) of the GZIP-compressed bitstring (§3.3 step 3). */
export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The bitstring of an `encodedList` (§3.4), or null when it is not multibase base64url of GZIP data (or expands past 4 MiB). */
export function decodeList(encoded: unknown): Uint8Array | null {
  if (typeof encoded !== 'string' || !/^u[A-Za-z0-9_-]+$/.test(encoded)) return null;
  try {
    return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: maxExpandedBytes }));
  } catch {
    return null;
  }
}
