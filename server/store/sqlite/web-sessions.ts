import type { Database } from 'better-sqlite3';
import type { WebSessionRecord, WebSessionRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

function toRecord(row: SessionRow | undefined): WebSessionRecord | null {
  if (!row) return null;
  return { idHash: row.id_hash, userId: row.user_id, csrfSecret: row.csrf_secret, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

/** Web sessions and failed sign-ins in SQLite. */
export function createWebSessionRepository(db: Database): WebSessionRepository {
  const byId = db.prepare('SELECT * FROM web_sessions WHERE id_hash = ?');
  const insert = db.prepare(`INSERT INTO web_sessions (id_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at)
    VALUES (@idHash, @userId, @csrfSecret, @createdAt, @lastSeenAt, @expiresAt)`);
  const touch = db.prepare('UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM web_sessions WHERE id_hash = ?');
  const removeOfUser = db.prepare('DELETE FROM web_sessions WHERE user_id = ?');
  const removeExpired = db.prepare('DELETE FROM web_sessions WHERE expires_at < ?');
  const failures = db.prepare('SELECT count(*) FROM sign_in_failures WHERE throttle_key = ? AND at >= ?').pluck();
  const recordFailure = db.prepare('INSERT INTO sign_in_failures (throttle_key, at) VALUES (?, ?)');
  const clearFailures = db.prepare('DELETE FROM sign_in_failures WHERE throttle_key = ?');
  const removeOldFailures = db.prepare('DELETE FROM sign_in_failures WHERE at < ?');
  return {
    async get(idHash) {
      return toRecord(byId.get(idHash) as SessionRow | undefined);
    },
    async countSignInFailures(throttleKey, since) {
      return failures.get(throttleKey, since) as number;
    },
    async insert(session) {
      translateConstraint('web session', () => insert.run(session));
    },
    async touch(idHash, lastSeenAt) {
      touch.run(lastSeenAt, idHash);
    },
    async delete(idHash) {
      remove.run(idHash);
    },
    async deleteOfUser(userId) {
      removeOfUser.run(userId);
    },
    async deleteExpired(sessionsBefore, failuresBefore) {
      removeExpired.run(sessionsBefore);
      removeOldFailures.run(failuresBefore);
    },
    async recordSignInFailure(throttleKey, at) {
      recordFailure.run(throttleKey, at);
    },
    async clearSignInFailures(throttleKey) {
      clearFailures.run(throttleKey);
    },
  };
}
