import { DomainError } from '../../errors.ts';

/** The most an XLSX batch file may unpack to, and the most parts it may hold. */
export const zipLimits = Object.freeze({ unpackedBytes: 64 * 1024 * 1024, entries: 4000 });

/** The limits a zip is read against. */
export interface ZipLimits {
  unpackedBytes: number;
  entries: number;
}

/** One part of a zip as its central directory describes it (sizes are claims until inflated). */
export interface ZipDirectoryEntry {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const zip64Marker = 0xffffffff;

function notAZip(): DomainError {
  return new DomainError('validation_failed', 'the XLSX file is not a readable zip archive');
}

function findEndOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) if (bytes.readUInt32LE(at) === endOfDirectory) return at;
  throw notAZip();
}

function entryAt(bytes: Buffer, at: number): ZipDirectoryEntry {
  if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== directoryEntry) throw new DomainError('validation_failed', 'the XLSX file has a damaged zip directory');
  const nameLength = bytes.readUInt16LE(at + 28);
  return {
    name: bytes.subarray(at + 46, at + 46 + nameLength),
    flags: bytes.readUInt16LE(at + 8),
    method: bytes.readUInt16LE(at + 10),
    time: bytes.readUInt16LE(at + 12),
    date: bytes.readUInt16LE(at + 14),
    crc32: bytes.readUInt32LE(at + 16),
    compressedSize: bytes.readUInt32LE(at + 20),
    declaredSize: bytes.readUInt32LE(at + 24),
    localHeaderOffset: bytes.readUInt32LE(at + 42),
  };
}

/**
 * Reads a zip's central directory and refuses it when it declares more than `limits` unpacked bytes or
 * entries, or uses ZIP64, before anything is decompressed. The sizes returned are only what the directory
 * claims: `inflateWithinBudget` holds the archive to them while inflating.
 */
export function readZipDirectory(data: Uint8Array, limits: ZipLimits = zipLimits): ZipDirectoryEntry[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 22) throw notAZip();
  const end = findEndOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  if (count > limits.entries) throw new DomainError('payload_too_large', `the XLSX file holds ${count} parts; at most ${limits.entries} are accepted`);
  const entries: ZipDirectoryEntry[] = [];
  let at = bytes.readUInt32LE(end + 16);
  let unpacked = 0;
  for (let i = 0; i < count; i += 1) {
    const entry = entryAt(bytes, at);
    if ([entry.declaredSize, entry.compressedSize, entry.localHeaderOffset].includes(zip64Marker)) throw new DomainError('payload_too_large', 'the XLSX file uses ZIP64 (parts over 4 GiB); it is refused');
    unpacked += entry.declaredSize;
    if (unpacked > limits.unpackedBytes) throw new DomainError('payload_too_large', `the XLSX file unpacks to more than ${limits.unpackedBytes} bytes`);
    entries.push(entry);
    at += 46 + entry.name.length + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** Refuses a zip (XLSX) whose central directory declares more than `limits` (see `readZipDirectory`). */
export function assertZipWithinLimits(data: Uint8Array, limits: ZipLimits = zipLimits): void {
  readZipDirectory(data, limits);
}
