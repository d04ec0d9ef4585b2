import type { Database } from 'better-sqlite3';
import type { CheckpointRecord, CheckpointRepository, WitnessKeyRecord, WitnessKeyRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface WitnessRow {
  kid: string;
  name: string;
  jurisdiction: WitnessKeyRecord['jurisdiction'];
  public_key: string;
  created_at: string;
  retired_at: string | null;
}

interface CheckpointRow {
  tree_size: number;
  root_hash: string;
  note: string;
  created_at: string;
}

const toWitness = (row: WitnessRow): WitnessKeyRecord => ({
  kid: row.kid, name: row.name, jurisdiction: row.jurisdiction, publicKey: row.public_key, createdAt: row.created_at, retiredAt: row.retired_at,
});
const toCheckpoint = (row: CheckpointRow): CheckpointRecord => ({ treeSize: row.tree_size, rootHash: row.root_hash, note: row.note, createdAt: row.created_at });

/** Witness keys (public halves) in SQLite: migration 010, triggers keep them immutable but for retirement. */
export function createWitnessKeyRepository(db: Database): WitnessKeyRepository {
  const all = db.prepare('SELECT * FROM log_witnesses ORDER BY seq');
  const active = db.prepare('SELECT * FROM log_witnesses WHERE jurisdiction = ? AND retired_at IS NULL ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO log_witnesses (kid, name, jurisdiction, public_key, created_at, retired_at, seq)
    VALUES (@kid, @name, @jurisdiction, @publicKey, @createdAt, @retiredAt, (SELECT coalesce(max(seq), 0) + 1 FROM log_witnesses))`);
  const retire = db.prepare('UPDATE log_witnesses SET retired_at = ? WHERE kid = ? AND retired_at IS NULL');
  return {
    async list() {
      return (all.all() as WitnessRow[]).map(toWitness);
    },
    async active(jurisdiction) {
      const row = active.get(jurisdiction) as WitnessRow | undefined;
      return row ? toWitness(row) : null;
    },
    async insert(key) {
      translateConstraint(`witness key ${key.kid}`, () => insert.run(key));
    },
    async retire(kid, at) {
      retire.run(at, kid);
    },
  };
}

/** Stored checkpoints in SQLite, one per tree size: append-only (triggers refuse updates and deletes). */
export function createCheckpointRepository(db: Database): CheckpointRepository {
  const latest = db.prepare('SELECT * FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1');
  const bySize = db.prepare('SELECT * FROM log_checkpoints WHERE tree_size = ?');
  const insert = db.prepare('INSERT INTO log_checkpoints (tree_size, root_hash, note, created_at) VALUES (@treeSize, @rootHash, @note, @createdAt)');
  return {
    async latest() {
      const row = latest.get() as CheckpointRow | undefined;
      return row ? toCheckpoint(row) : null;
    },
    async get(treeSize) {
      const row = bySize.get(treeSize) as CheckpointRow | undefined;
      return row ? toCheckpoint(row) : null;
    },
    async insert(checkpoint) {
      translateConstraint(`checkpoint of tree size ${checkpoint.treeSize}`, () => insert.run(checkpoint));
    },
  };
}
