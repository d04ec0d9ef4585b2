import type { StoreTransaction, TransparencyLogReader } from '../../store/port.ts';
import { canonicalJson } from '../canonical-json.ts';
import { DomainError } from '../errors.ts';
import { entryLeafHash, fromHex, toHex, type LogEntry } from './log-entry.ts';
import { consistencyRanges, inclusionRanges, leftSiblingsOf, rangeHashes, subtreesCompletedBy, type SubtreeSource } from './subtree-hashes.ts';

/*
 * Roots and proofs come from the stored complete subtrees (subtree-hashes.ts): O(log n) primary-key reads each.
 * merkle.ts keeps the same functions over the full list of leaf hashes as the reference they must equal.
 */

/** The most leaves one GET /log/entries returns. */
export const maxEntriesPerPage = 1000;

const source = (log: TransparencyLogReader): SubtreeSource => (keys) => log.subtreeHashes(keys);

/**
 * Appends an entry as the log's next leaf, inside the caller's transaction, with the hashes of the subtrees it
 * completes (one read of at most log2(n) left siblings, ~1 on average); returns the leaf index.
 */
export async function appendLogEntry(tx: StoreTransaction, entry: LogEntry): Promise<number> {
  const text = canonicalJson(entry);
  const leafHash = entryLeafHash(text);
  const index = await tx.transparencyLog.append({ entry: text, leafHash, createdAt: entry.at });
  const siblings = leftSiblingsOf(index);
  if (siblings.length > 0) {
    const lefts = await rangeHashes(source(tx.transparencyLog), siblings.map(({ level, index: i }) => [i * 2 ** level, (i + 1) * 2 ** level] as const));
    const completed = subtreesCompletedBy(index, fromHex(leafHash), lefts);
    await tx.transparencyLog.appendSubtrees(completed.map(({ level, index: i, hash }) => ({ level, index: i, hash: toHex(hash) })));
  }
  return index;
}

/** Resolves an optional tree size: the current size when absent; not_found beyond the end. */
export async function treeSizeOf(log: TransparencyLogReader, requested?: number): Promise<number> {
  const size = await log.size();
  if (requested === undefined) return size;
  if (!Number.isInteger(requested) || requested < 0 || requested > size) throw new DomainError('not_found', `the log has ${size} leaves, not ${requested}`);
  return requested;
}

/** The empty tree's hash: SHA-256 of the empty string (RFC 9162 §2.1.1). */
const emptyRoot = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The root hash (hex) of the tree of the first `size` leaves. */
export async function rootAt(log: TransparencyLogReader, size: number): Promise<string> {
  if (size === 0) return emptyRoot;
  const [root] = await rangeHashes(source(log), [[0, size]]);
  return toHex(root!);
}

/**
 * Runs `work` at a requested tree size without first reading the log's size (one statement fewer on every proof at
 * a checkpoint's size): a size beyond the end always needs a subtree that is not stored (the one holding leaf
 * size − 1), so only then is the size read, to answer not_found as treeSizeOf does.
 */
async function atRequestedSize<T>(log: TransparencyLogReader, requested: number | undefined, work: (size: number) => Promise<T>): Promise<T> {
  if (requested === undefined || !Number.isInteger(requested) || requested < 0) return work(await treeSizeOf(log, requested));
  try {
    return await work(requested);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_state') await treeSizeOf(log, requested);
    throw error;
  }
}

/** An inclusion proof (RFC 9162 §2.1.3) of leaf `index` in the tree of `size` leaves; hashes in hex. */
export async function inclusionProof(log: TransparencyLogReader, index: number, requestedSize?: number) {
  return atRequestedSize(log, requestedSize, async (size) => {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      await treeSizeOf(log, size); // a size beyond the end is the first thing wrong, as before
      throw new DomainError('not_found', `no leaf ${index} in a tree of ${size}`);
    }
    const path = inclusionRanges(index, size);
    // One batched read: the leaf, the root's subtrees and the path's (which mostly share them).
    const [leaf, root, ...nodes] = await rangeHashes(source(log), [[index, index + 1], [0, size], ...path]);
    return { leafIndex: index, treeSize: size, leafHash: toHex(leaf!), rootHash: toHex(root!), path: nodes.map(toHex) };
  });
}

/** A consistency proof (RFC 9162 §2.1.4) between tree sizes `from` and `to`; hashes in hex. */
export async function consistencyProof(log: TransparencyLogReader, from: number, to: number) {
  return atRequestedSize(log, to, async (size) => {
    if (!Number.isInteger(from) || from < 1 || from > size) {
      await treeSizeOf(log, size); // a size beyond the end is the first thing wrong, as before
      throw new DomainError('validation_failed', `"from" must be between 1 and ${size}`);
    }
    const [fromRoot, toRoot, ...nodes] = await rangeHashes(source(log), [[0, from], [0, size], ...consistencyRanges(from, size)]);
    return { from, to: size, fromRoot: toHex(fromRoot!), toRoot: toHex(toRoot!), path: nodes.map(toHex) };
  });
}

/** Leaves start … end-1 with their entries parsed; at most maxEntriesPerPage. */
export async function logEntries(log: TransparencyLogReader, start: number, end: number) {
  const size = await log.size();
  const last = Math.min(end, size, start + maxEntriesPerPage);
  if (!Number.isInteger(start) || start < 0 || start > size) throw new DomainError('not_found', `the log has ${size} leaves; start must be 0…${size}`);
  const leaves = last > start ? await log.leaves(start, last) : [];
  return { treeSize: size, start, end: last, entries: leaves.map((leaf) => ({ index: leaf.index, leafHash: leaf.leafHash, entry: JSON.parse(leaf.entry) as LogEntry })) };
}
