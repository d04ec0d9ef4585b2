import type { Database } from 'better-sqlite3';
import type { LogLeafRecord, TransparencyLogRepository } from '../port.ts';

interface LeafRow {
  leaf_index: number;
  entry: string;
  leaf_hash: string;
  created_at: string;
}

const toRecord = (row: LeafRow): LogLeafRecord => ({ index: row.leaf_index, entry: row.entry, leafHash: row.leaf_hash, createdAt: row.created_at });

/**
 * The transparency log's leaves in SQLite: append-only (triggers refuse updates and deletes), gapless from 0, so the
 * size is the last index + 1 (a primary-key seek, not a count). Complete subtree hashes (level ≥ 1) are in
 * log_subtrees (migration 014); level 0 is read from the leaf itself.
 */
export function createTransparencyLogRepository(db: Database): TransparencyLogRepository {
  const size = db.prepare('SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaves').pluck();
  const hashes = db.prepare('SELECT leaf_hash FROM log_leaves WHERE leaf_index < ? ORDER BY leaf_index').pluck();
  const range = db.prepare('SELECT * FROM log_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index');
  const append = db.prepare(`INSERT INTO log_leaves (leaf_index, entry, leaf_hash, created_at)
    VALUES ((SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaves), @entry, @leafHash, @createdAt) RETURNING leaf_index`).pluck();
  // All keys in one statement: a primary-key seek per key, level 0 in log_leaves, the rest in log_subtrees.
  const subtrees = db.prepare(`WITH wanted (position, level, subtree_index) AS (SELECT key, value ->> 0, value ->> 1 FROM json_each(?))
    SELECT iif(wanted.level = 0, leaf.leaf_hash, iif(subtree.hash IS NULL, NULL, lower(hex(subtree.hash)))) FROM wanted
    LEFT JOIN log_subtrees AS subtree ON wanted.level > 0 AND subtree.level = wanted.level AND subtree.subtree_index = wanted.subtree_index
    LEFT JOIN log_leaves AS leaf ON wanted.level = 0 AND leaf.leaf_index = wanted.subtree_index
    ORDER BY wanted.position`).pluck();
  const insertSubtree = db.prepare('INSERT INTO log_subtrees (level, subtree_index, hash) VALUES (?, ?, ?)');
  return {
    async size() {
      return size.get() as number;
    },
    async leafHashes(count) {
      return hashes.all(count) as string[];
    },
    async leaves(start, end) {
      return (range.all(start, end) as LeafRow[]).map(toRecord);
    },
    async subtreeHashes(keys) {
      if (keys.length === 0) return [];
      return subtrees.all(JSON.stringify(keys.map(({ level, index }) => [level, index]))) as Array<string | null>;
    },
    async append(leaf) {
      return append.get(leaf) as number;
    },
    async appendSubtrees(subtrees) {
      for (const { level, index, hash } of subtrees) insertSubtree.run(level, index, Buffer.from(hash, 'hex'));
    },
  };
}
