import type { StoreTransaction, TransparencyLogReader } from '../../store/port.ts';
import { canonicalJson } from '../canonical-json.ts';
import { DomainError } from '../errors.ts';
import { entryLeafHash, fromHex, toHex, type LogEntry } from './log-entry.ts';
import { consistencyPath, inclusionPath, rootHash } from './merkle.ts';

/** The most leaves one GET /log/entries returns. */
export const maxEntriesPerPage = 1000;

/** Appends an entry as the log's next leaf, inside the caller's transaction; returns the leaf index. */
export async function appendLogEntry(tx: StoreTransaction, entry: LogEntry): Promise<number> {
  const text = canonicalJson(entry);
  return tx.transparencyLog.append({ entry: text, leafHash: entryLeafHash(text), createdAt: entry.at });
}

async function leavesOf(log: TransparencyLogReader, size: number): Promise<Uint8Array[]> {
  return (await log.leafHashes(size)).map(fromHex);
}

/** Resolves an optional tree size: the current size when absent; not_found beyond the end. */
export async function treeSizeOf(log: TransparencyLogReader, requested?: number): Promise<number> {
  const size = await log.size();
  if (requested === undefined) return size;
  if (!Number.isInteger(requested) || requested < 0 || requested > size) throw new DomainError('not_found', `the log has ${size} leaves, not ${requested}`);
  return requested;
}

/** The root hash (hex) of the tree of the first `size` leaves. */
export async function rootAt(log: TransparencyLogReader, size: number): Promise<string> {
  return toHex(rootHash(await leavesOf(log, size)));
}

/** An inclusion proof (RFC 9162 §2.1.3) of leaf `index` in the tree of `size` leaves; hashes in hex. */
export async function inclusionProof(log: TransparencyLogReader, index: number, requestedSize?: number) {
  const size = await treeSizeOf(log, requestedSize);
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new DomainError('not_found', `no leaf ${index} in a tree of ${size}`);
  const leaves = await leavesOf(log, size);
  return {
    leafIndex: index,
    treeSize: size,
    leafHash: toHex(leaves[index]!),
    rootHash: toHex(rootHash(leaves)),
    path: inclusionPath(index, leaves).map(toHex),
  };
}

/** A consistency proof (RFC 9162 §2.1.4) between tree sizes `from` and `to`; hashes in hex. */
export async function consistencyProof(log: TransparencyLogReader, from: number, to: number) {
  const size = await treeSizeOf(log, to);
  if (!Number.isInteger(from) || from < 1 || from > size) throw new DomainError('validation_failed', `"from" must be between 1 and ${size}`);
  const leaves = await leavesOf(log, size);
  return {
    from,
    to: size,
    fromRoot: toHex(rootHash(leaves.slice(0, from))),
    toRoot: toHex(rootHash(leaves)),
    path: consistencyPath(from, leaves).map(toHex),
  };
}

/** Leaves start … end-1 with their entries parsed; at most maxEntriesPerPage. */
export async function logEntries(log: TransparencyLogReader, start: number, end: number) {
  const size = await log.size();
  const last = Math.min(end, size, start + maxEntriesPerPage);
  if (!Number.isInteger(start) || start < 0 || start > size) throw new DomainError('not_found', `the log has ${size} leaves; start must be 0…${size}`);
  const leaves = last > start ? await log.leaves(start, last) : [];
  return { treeSize: size, start, end: last, entries: leaves.map((leaf) => ({ index: leaf.index, leafHash: leaf.leafHash, entry: JSON.parse(leaf.entry) as LogEntry })) };
}
