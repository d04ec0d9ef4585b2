import type { Database } from 'better-sqlite3';
import type { AuditEventRecord, AuditQuery, AuditRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  org_id: string;
  action: string;
  subject: string;
  summary: string;
  request_id: string | null;
  scope: string | null;
  prev_hash: string;
  hash: string;
}

function toRecord(row: AuditRow): AuditEventRecord {
  return {
    seq: row.seq, at: row.at, actorId: row.actor_id, orgId: row.org_id, action: row.action, subject: row.subject,
    summary: JSON.parse(row.summary), requestId: row.request_id,
    scope: row.scope === null ? null : (JSON.parse(row.scope) as AuditEventRecord['scope']),
    prevHash: row.prev_hash, hash: row.hash,
  };
}

function listFilter(query: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const where = ['seq > @afterSeq'];
  const params: Record<string, unknown> = { afterSeq: query.afterSeq ?? 0, limit: query.limit };
  if (query.subject !== undefined) {
    where.push('subject = @subject');
    params.subject = query.subject;
  }
  if (query.jurisdiction !== undefined) {
    // scope is a JSON array such as ["IR","RU"]; a null scope is readable by every regulator.
    where.push("(scope IS NULL OR EXISTS (SELECT 1 FROM json_each(audit_events.scope) WHERE value = @jurisdiction))");
    params.jurisdiction = query.jurisdiction;
  }
  return { sql: `SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`, params };
}

/** The hash-chained audit trail in SQLite (append-only, enforced by triggers). */
export function createAuditRepository(db: Database): AuditRepository {
  const last = db.prepare('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_events (seq, at, actor_id, org_id, action, subject, summary, request_id, scope,
      prev_hash, hash)
    VALUES (@seq, @at, @actorId, @orgId, @action, @subject, @summary, @requestId, @scope, @prevHash, @hash)`);
  return {
    async last() {
      const row = last.get() as AuditRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list(query) {
      const { sql, params } = listFilter(query);
      return (db.prepare(sql).all(params) as AuditRow[]).map(toRecord);
    },
    async append(event) {
      const row = { ...event, summary: JSON.stringify(event.summary), scope: event.scope === null ? null : JSON.stringify(event.scope) };
      translateConstraint(`audit event ${event.seq}`, () => insert.run(row));
    },
  };
}
