import type { Database } from 'better-sqlite3';
import type { UserRecord, UserRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserRecord['role'];
  org_id: string;
  jurisdiction: UserRecord['jurisdiction'];
  created_at: string;
}

function toRecord(row: UserRow | undefined): UserRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgId: row.org_id,
    jurisdiction: row.jurisdiction,
    createdAt: row.created_at,
  };
}

/** Users and their hashed API tokens in SQLite. */
export function createUserRepository(db: Database): UserRepository {
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const byToken = db.prepare(`SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id
    WHERE api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL`);
  const count = db.prepare('SELECT count(*) FROM users').pluck();
  const insertUser = db.prepare(`INSERT INTO users (id, email, name, role, org_id, jurisdiction, created_at)
    VALUES (@id, @email, @name, @role, @orgId, @jurisdiction, @createdAt)`);
  const insertToken = db.prepare(`INSERT INTO api_tokens (id, user_id, token_hash, created_at, revoked_at)
    VALUES (@id, @userId, @tokenHash, @createdAt, @revokedAt)`);
  return {
    async get(id) {
      return toRecord(byId.get(id) as UserRow | undefined);
    },
    async findByEmail(email) {
      return toRecord(byEmail.get(email) as UserRow | undefined);
    },
    async findByTokenHash(tokenHash) {
      return toRecord(byToken.get(tokenHash) as UserRow | undefined);
    },
    async count() {
      return count.get() as number;
    },
    async insert(user) {
      translateConstraint(`user "${user.email}"`, () => insertUser.run(user));
    },
    async insertToken(token) {
      translateConstraint('API token', () => insertToken.run(token));
    },
  };
}
