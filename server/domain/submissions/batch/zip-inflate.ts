import { createInflateRaw } from 'node:zlib';
import { DomainError } from '../../errors.ts';
import { readZipDirectory, zipLimits, type ZipDirectoryEntry, type ZipLimits } from './zip-bounds.ts';

const localHeader = 0x04034b50;
const stored = 0;
const deflated = 8;
const encryptedFlag = 0x1;
const inflateChunk = 64 * 1024;

function damaged(why: string): DomainError {
  return new DomainError('validation_failed', `the XLSX file is a damaged zip archive: ${why}`);
}

/** The compressed bytes of `entry`, located through its local header and bounded by the file. */
function compressedData(bytes: Buffer, entry: ZipDirectoryEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== localHeader) throw damaged('a part has no local header');
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) throw damaged('a part runs past the end of the file');
  return bytes.subarray(start, start + entry.compressedSize);
}

function overstated(entry: ZipDirectoryEntry): DomainError {
  return new DomainError('payload_too_large', `the XLSX part "${entry.name.toString('latin1')}" unpacks to more than the ${entry.declaredSize} bytes its zip directory declares; the file is refused`);
}

/**
 * Inflates `input` into `target`, chunk by chunk off the event loop, and stops the moment it would write
 * past the end of `target`: the directory's claim is the budget, whatever the stream holds.
 */
function inflateInto(input: Buffer, target: Buffer, entry: ZipDirectoryEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: inflateChunk });
    let written = 0;
    inflater.on('data', (chunk: Buffer) => {
      if (written + chunk.length > target.length) {
        inflater.destroy();
        reject(overstated(entry));
        return;
      }
      chunk.copy(target, written);
      written += chunk.length;
    });
    inflater.on('error', () => reject(damaged('a part does not inflate')));
    inflater.on('end', () => (written === target.length ? resolve() : reject(damaged('a part unpacks to less than its directory declares'))));
    inflater.end(input);
  });
}

async function unpackEntry(bytes: Buffer, entry: ZipDirectoryEntry, target: Buffer): Promise<void> {
  if (entry.flags & encryptedFlag) throw new DomainError('validation_failed', 'the XLSX file is encrypted');
  const input = compressedData(bytes, entry);
  if (entry.method === deflated) return inflateInto(input, target, entry);
  if (entry.method !== stored) throw new DomainError('validation_failed', `the XLSX file uses an unsupported compression method (${entry.method})`);
  if (input.length > target.length) throw overstated(entry);
  if (input.length < target.length) throw damaged('a stored part is shorter than its directory declares');
  input.copy(target);
}

function localHeaderOf(entry: ZipDirectoryEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(localHeader, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags & 0x800, 6); // keep only the UTF-8 name flag: no data descriptor, no encryption
  header.writeUInt16LE(stored, 8);
  header.writeUInt16LE(entry.time, 10);
  header.writeUInt16LE(entry.date, 12);
  header.writeUInt32LE(entry.crc32, 14);
  header.writeUInt32LE(entry.declaredSize, 18);
  header.writeUInt32LE(entry.declaredSize, 22);
  header.writeUInt16LE(entry.name.length, 26);
  return header;
}

function writeDirectoryEntry(out: Buffer, at: number, entry: ZipDirectoryEntry, localOffset: number): number {
  out.writeUInt32LE(0x02014b50, at);
  out.writeUInt16LE(20, at + 4);
  localHeaderOf(entry).copy(out, at + 6, 4, 30);
  out.writeUInt32LE(localOffset, at + 42);
  entry.name.copy(out, at + 46);
  return at + 46 + entry.name.length;
}

function writeEndOfDirectory(out: Buffer, at: number, count: number, directoryOffset: number): void {
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(count, at + 8);
  out.writeUInt16LE(count, at + 10);
  out.writeUInt32LE(at - directoryOffset, at + 12);
  out.writeUInt32LE(directoryOffset, at + 16);
}

/**
 * Unpacks every part of a zip (XLSX) against a byte budget, whatever its directory claims: the directory
 * may declare at most `limits.unpackedBytes` in all, and each part is inflated, streaming, only up to the
 * size it declares; one byte more stops the inflation and answers payload_too_large. Returns an equivalent
 * zip whose parts are stored uncompressed (one allocation of the declared size), so the spreadsheet reader
 * handed it inflates nothing itself.
 */
export async function inflateWithinBudget(data: Uint8Array, limits: ZipLimits = zipLimits): Promise<Buffer> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries = readZipDirectory(bytes, limits);
  const parts = entries.reduce((sum, entry) => sum + 30 + entry.name.length + entry.declaredSize, 0);
  const directorySize = entries.reduce((sum, entry) => sum + 46 + entry.name.length, 0);
  const out = Buffer.alloc(parts + directorySize + 22);
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    offsets.push(at);
    localHeaderOf(entry).copy(out, at);
    entry.name.copy(out, at + 30);
    const start = at + 30 + entry.name.length;
    await unpackEntry(bytes, entry, out.subarray(start, start + entry.declaredSize));
    at = start + entry.declaredSize;
  }
  entries.forEach((entry, i) => (at = writeDirectoryEntry(out, at, entry, offsets[i]!)));
  writeEndOfDirectory(out, at, entries.length, parts);
  return out;
}
