import type { Database } from 'better-sqlite3';
import type { LogLeafRecord, TransparencyLogRepository } from '../port.ts';

interface LeafRow {
  leaf_index: number;
  entry: string;
  leaf_hash: string;
  created_at: string;
}

const toRecord = (row: LeafRow): LogLeafRecord => ({ index: row.leaf_index, entry: row.entry, leafHash: row.leaf_hash, createdAt: row.created_at });

/** The transparency log's leaves in SQLite: append-only (triggers refuse updates and deletes), gapless from 0. */
export function createTransparencyLogRepository(db: Database): TransparencyLogRepository {
  const size = db.prepare('SELECT count(*) FROM log_leaves').pluck();
  const hashes = db.prepare('SELECT leaf_hash FROM log_leaves WHERE leaf_index < ? ORDER BY leaf_index').pluck();
  const range = db.prepare('SELECT * FROM log_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index');
  const append = db.prepare(`INSERT INTO log_leaves (leaf_index, entry, leaf_hash, created_at)
    VALUES ((SELECT count(*) FROM log_leaves), @entry, @leafHash, @createdAt) RETURNING leaf_index`).pluck();
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
    async append(leaf) {
      return append.get(leaf) as number;
    },
  };
}
