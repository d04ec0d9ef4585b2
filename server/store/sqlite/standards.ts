import type { Database } from 'better-sqlite3';
import { DomainError } from '../../domain/errors.ts';
import type { StandardRecord, StandardRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface StandardRow {
  code: string;
  version: string;
  category: string;
  title: string;
  schema: string;
  schema_id: string | null;
  content_hash: string;
  status: StandardRecord['status'];
  owner_org_id: string | null;
  created_by: string;
  created_at: string;
  published_at: string | null;
  retired_at: string | null;
}

function toRecord(row: StandardRow): StandardRecord {
  return {
    code: row.code,
    version: row.version,
    category: row.category,
    title: JSON.parse(row.title),
    schema: JSON.parse(row.schema),
    schemaId: row.schema_id,
    contentHash: row.content_hash,
    status: row.status,
    ownerOrgId: row.owner_org_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    retiredAt: row.retired_at,
  };
}

function toRow(standard: StandardRecord) {
  return {
    ...standard,
    title: JSON.stringify(standard.title),
    schema: JSON.stringify(standard.schema),
  };
}

/** Standard documents and their lifecycle in SQLite. */
export function createStandardRepository(db: Database): StandardRepository {
  const byKey = db.prepare('SELECT * FROM standards WHERE code = ? AND version = ?');
  const versions = db.prepare('SELECT * FROM standards WHERE code = ? ORDER BY seq');
  const all = db.prepare('SELECT * FROM standards ORDER BY code, seq');
  const bySchemaId = db.prepare('SELECT * FROM standards WHERE schema_id = ?');
  const insert = db.prepare(`INSERT INTO standards (code, version, category, title, schema, schema_id, content_hash,
      status, owner_org_id, created_by, created_at, published_at, retired_at, seq)
    VALUES (@code, @version, @category, @title, @schema, @schemaId, @contentHash, @status, @ownerOrgId, @createdBy, @createdAt,
      @publishedAt, @retiredAt, (SELECT coalesce(max(seq), 0) + 1 FROM standards))`);
  const replace = db.prepare(`UPDATE standards SET category = @category, title = @title, schema = @schema,
      schema_id = @schemaId, content_hash = @contentHash WHERE code = @code AND version = @version AND status = 'draft'`);
  const setStatus = db.prepare(`UPDATE standards SET status = @status,
      published_at = coalesce(@publishedAt, published_at), retired_at = coalesce(@retiredAt, retired_at)
    WHERE code = @code AND version = @version`);
  return {
    async get(code, version) {
      const row = byKey.get(code, version) as StandardRow | undefined;
      return row ? toRecord(row) : null;
    },
    async listVersions(code) {
      return (versions.all(code) as StandardRow[]).map(toRecord);
    },
    async list() {
      return (all.all() as StandardRow[]).map(toRecord);
    },
    async findBySchemaId(schemaId) {
      const row = bySchemaId.get(schemaId) as StandardRow | undefined;
      return row ? toRecord(row) : null;
    },
    async insert(standard) {
      translateConstraint(`standard ${standard.code}@${standard.version} or its $id`, () => insert.run(toRow(standard)));
    },
    async replaceDraft(standard) {
      const result = translateConstraint('a standard with this $id', () => replace.run(toRow(standard)));
      if (result.changes !== 1) throw new DomainError('invalid_state', `${standard.code}@${standard.version} is not a draft`);
    },
    async setStatus(code, version, change) {
      setStatus.run({ code, version, status: change.status, publishedAt: change.publishedAt ?? null, retiredAt: change.retiredAt ?? null });
    },
  };
}
