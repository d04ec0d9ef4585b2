import type { Database } from 'better-sqlite3';
import { storedSubtreeCount, subtreesOfLeaves } from '../../domain/ledger/subtree-hashes.ts';

const chunk = 10_000;

/**
 * Fills log_subtrees (migration 014) for leaves appended before it existed: one pass over the leaves in order (read
 * in chunks, since better-sqlite3 runs no write while a read is being iterated), in one transaction, O(n) hashes.
 * A log whose subtrees are all stored (every log written since) costs one count. Returns the rows written.
 */
export function backfillLogSubtrees(db: Database): number {
  const size = db.prepare('SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaves').pluck().get() as number;
  const stored = db.prepare('SELECT count(*) FROM log_subtrees').pluck().get() as number;
  if (stored === storedSubtreeCount(size)) return 0;
  const leaves = db.prepare('SELECT leaf_hash FROM log_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO log_subtrees (level, subtree_index, hash) VALUES (?, ?, ?)');
  function* leafHashes() {
    for (let start = 0; start < size; start += chunk) {
      for (const hex of leaves.all(start, start + chunk) as string[]) yield new Uint8Array(Buffer.from(hex, 'hex'));
    }
  }
  return db.transaction(() => {
    let written = 0;
    for (const { level, index, hash } of subtreesOfLeaves(leafHashes())) written += insert.run(level, index, hash).changes;
    return written;
  })();
}
