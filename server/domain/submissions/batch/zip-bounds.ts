import { DomainError } from '../../errors.ts';

/** The most an XLSX batch file may unpack to, and the most parts it may hold. */
export const zipLimits = Object.freeze({ unpackedBytes: 64 * 1024 * 1024, entries: 4000 });

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const zip64Marker = 0xffffffff;

function findEndOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) if (bytes.readUInt32LE(at) === endOfDirectory) return at;
  throw new DomainError('validation_failed', 'the XLSX file is not a readable zip archive');
}

/**
 * Refuses a zip (XLSX) whose central directory declares more than `zipLimits` unpacked bytes or entries,
 * or uses ZIP64, before any of it is decompressed: a small upload must not unpack to gigabytes.
 * (A directory that lies about sizes is caught by the unzipper's own size check, after inflation.)
 */
export function assertZipWithinLimits(data: Uint8Array, limits: { unpackedBytes: number; entries: number } = zipLimits): void {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 22) throw new DomainError('validation_failed', 'the XLSX file is not a readable zip archive');
  const end = findEndOfDirectory(bytes);
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (entries > limits.entries) throw new DomainError('payload_too_large', `the XLSX file holds ${entries} parts; at most ${limits.entries} are accepted`);
  let unpacked = 0;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== directoryEntry) throw new DomainError('validation_failed', 'the XLSX file has a damaged zip directory');
    const size = bytes.readUInt32LE(at + 24);
    if (size === zip64Marker || bytes.readUInt32LE(at + 20) === zip64Marker) throw new DomainError('payload_too_large', 'the XLSX file uses ZIP64 (parts over 4 GiB); it is refused');
    unpacked += size;
    if (unpacked > limits.unpackedBytes) throw new DomainError('payload_too_large', `the XLSX file unpacks to more than ${limits.unpackedBytes} bytes`);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
}
