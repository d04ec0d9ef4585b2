import type { Database } from 'better-sqlite3';
import { DomainError } from '../../domain/errors.ts';
import type { StandardRecord, StandardRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface StandardRow {
  code: string;
  version: string;
  category: string;
  title: string;
  schema_id: string | null;
  content_hash: string;
  status: StandardRecord['status'];
  owner_org_id: string | null;
  created_by: string;
  created_at: string;
  published_at: string | null;
  retired_at: string | null;
}

/** Every column but the schema text, which is read (and parsed) only on a schema-cache miss. */
const columns = 'code, version, category, title, schema_id, content_hash, status, owner_org_id, created_by, created_at, published_at, retired_at';

/**
 * Parsed schemas by `code@version#contentHash` (issue 13, goal 1). The profile of `POST /checks` showed every
 * request listing the standard's versions and JSON-parsing each ~100 KB schema (listVersions 11 %, toRecord
 * 10.5 % of self time). Rows are still read on every call, so status and content hash are always the stored
 * ones — a withdrawal or publication by another process (the CLI) is seen at once — and only the schema is
 * served from here. The content hash covers code, version, title, category and schema, and a published row's
 * content cannot change (trigger standards_published_immutable), so a stale entry can never stand for changed
 * content; a draft's entry is dropped when this process replaces it. Schemas are deep-frozen because every
 * caller now shares one object. Bounded by the schemas' JSON size (the shipped standards are ~1.2 MB in all):
 * the least recently used entries go first.
 */
const schemaCacheBytes = 8 * 1024 * 1024;
const schemaCache = new Map<string, { schema: Record<string, unknown>; bytes: number }>();
let cachedBytes = 0;

function remember(key: string, entry: { schema: Record<string, unknown>; bytes: number }): void {
  schemaCache.set(key, entry);
  cachedBytes += entry.bytes;
  for (const [oldest, old] of schemaCache) {
    if (cachedBytes <= schemaCacheBytes || oldest === key) break;
    schemaCache.delete(oldest);
    cachedBytes -= old.bytes;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function cacheKey(code: string, version: string, contentHash: string): string {
  return `${code}@${version}#${contentHash}`;
}

function forgetSchema(code: string, version: string): void {
  for (const [key, entry] of schemaCache) {
    if (key.startsWith(`${code}@${version}#`)) {
      schemaCache.delete(key);
      cachedBytes -= entry.bytes;
    }
  }
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
  const schemaOf = db.prepare('SELECT schema FROM standards WHERE code = ? AND version = ? AND content_hash = ?').pluck();
  const byKey = db.prepare(`SELECT ${columns} FROM standards WHERE code = ? AND version = ?`);
  const versions = db.prepare(`SELECT ${columns} FROM standards WHERE code = ? ORDER BY seq`);
  const all = db.prepare(`SELECT ${columns} FROM standards ORDER BY code, seq`);
  const bySchemaId = db.prepare(`SELECT ${columns} FROM standards WHERE schema_id = ?`);
  const insert = db.prepare(`INSERT INTO standards (code, version, category, title, schema, schema_id, content_hash,
      status, owner_org_id, created_by, created_at, published_at, retired_at, seq)
    VALUES (@code, @version, @category, @title, @schema, @schemaId, @contentHash, @status, @ownerOrgId, @createdBy, @createdAt,
      @publishedAt, @retiredAt, (SELECT coalesce(max(seq), 0) + 1 FROM standards))`);
  const replace = db.prepare(`UPDATE standards SET category = @category, title = @title, schema = @schema,
      schema_id = @schemaId, content_hash = @contentHash WHERE code = @code AND version = @version AND status = 'draft'`);
  const setStatus = db.prepare(`UPDATE standards SET status = @status,
      published_at = coalesce(@publishedAt, published_at), retired_at = coalesce(@retiredAt, retired_at)
    WHERE code = @code AND version = @version`);
  /** The row as a record, its schema from the cache or (on a miss) read, parsed and frozen. */
  function toRecord(row: StandardRow): StandardRecord {
    const key = cacheKey(row.code, row.version, row.content_hash);
    let entry = schemaCache.get(key);
    if (entry) {
      schemaCache.delete(key);
      cachedBytes -= entry.bytes;
    } else {
      const text = schemaOf.get(row.code, row.version, row.content_hash) as string | undefined;
      if (text === undefined) throw new DomainError('not_found', `standard ${row.code}@${row.version} changed while it was read`);
      entry = { schema: deepFreeze(JSON.parse(text) as Record<string, unknown>), bytes: text.length };
    }
    remember(key, entry);
    const { schema } = entry;
    return {
      code: row.code,
      version: row.version,
      category: row.category,
      title: JSON.parse(row.title),
      schema,
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
      forgetSchema(standard.code, standard.version);
      if (result.changes !== 1) throw new DomainError('invalid_state', `${standard.code}@${standard.version} is not a draft`);
    },
    async setStatus(code, version, change) {
      setStatus.run({ code, version, status: change.status, publishedAt: change.publishedAt ?? null, retiredAt: change.retiredAt ?? null });
    },
  };
}
