import type { Database } from 'better-sqlite3';
import type { StatusEntryRecord, StatusListRecord, StatusListRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface EntryRow {
  number: string;
  org_id: string;
  status_index: number;
  created_at: string;
}

interface ListRow {
  org_id: string;
  purpose: StatusListRecord['purpose'];
  page: number;
  bits: Buffer;
  jws: string;
  updated_at: string;
}

const toEntry = (row: EntryRow): StatusEntryRecord => ({ number: row.number, orgId: row.org_id, statusIndex: row.status_index, createdAt: row.created_at });
const toList = (row: ListRow): StatusListRecord => ({
  orgId: row.org_id, purpose: row.purpose, page: row.page, bits: new Uint8Array(row.bits), jws: row.jws, updatedAt: row.updated_at,
});

/** Status list entries and lists in SQLite: entries are immutable (triggers), a list row is replaced in place. */
export function createStatusListRepository(db: Database): StatusListRepository {
  const entry = db.prepare('SELECT * FROM status_entries WHERE number = ?');
  const count = db.prepare('SELECT count(*) FROM status_entries WHERE org_id = ?').pluck();
  const taken = db.prepare('SELECT 1 FROM status_entries WHERE org_id = ? AND status_index = ?').pluck();
  const highest = db.prepare('SELECT max(status_index) FROM status_entries WHERE org_id = ?').pluck();
  const list = db.prepare('SELECT * FROM status_lists WHERE org_id = ? AND purpose = ? AND page = ?');
  const insertEntry = db.prepare('INSERT INTO status_entries (number, org_id, status_index, created_at) VALUES (@number, @orgId, @statusIndex, @createdAt)');
  const saveList = db.prepare(`INSERT INTO status_lists (org_id, purpose, page, bits, jws, updated_at) VALUES (@orgId, @purpose, @page, @bits, @jws, @updatedAt)
    ON CONFLICT (org_id, purpose, page) DO UPDATE SET bits = excluded.bits, jws = excluded.jws, updated_at = excluded.updated_at`);
  return {
    async entry(number) {
      const row = entry.get(number) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    },
    async entryCount(orgId) {
      return count.get(orgId) as number;
    },
    async indexTaken(orgId, statusIndex) {
      return taken.get(orgId, statusIndex) !== undefined;
    },
    async highestIndex(orgId) {
      return (highest.get(orgId) as number | null) ?? null;
    },
    async list(orgId, purpose, page) {
      const row = list.get(orgId, purpose, page) as ListRow | undefined;
      return row ? toList(row) : null;
    },
    async insertEntry(record) {
      translateConstraint(`a status list entry for ${record.number} (or index ${record.statusIndex} of its authority)`, () => insertEntry.run(record));
    },
    async saveList(record) {
      saveList.run({ ...record, bits: Buffer.from(record.bits) });
    },
  };
}
