import type { Database } from 'better-sqlite3';
import type { ApiTokenRecord, UserListQuery, UserRecord, UserRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserRecord['role'];
  org_id: string;
  jurisdiction: UserRecord['jurisdiction'];
  created_at: string;
  disabled_at: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  token_hash: string;
  name: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
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
    disabledAt: row.disabled_at,
  };
}

function toToken(row: TokenRow | undefined): ApiTokenRecord | null {
  if (!row) return null;
  return {
    id: row.id, userId: row.user_id, tokenHash: row.token_hash, name: row.name,
    createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at,
  };
}

function tokenStatements(db: Database) {
  return {
    byHash: db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?'),
    byId: db.prepare('SELECT * FROM api_tokens WHERE id = ?'),
    ofUser: db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, rowid DESC'),
    insert: db.prepare(`INSERT INTO api_tokens (id, user_id, token_hash, name, created_at, expires_at, revoked_at)
      VALUES (@id, @userId, @tokenHash, @name, @createdAt, @expiresAt, @revokedAt)`),
    revoke: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
}

/** `text` as a LIKE pattern matching itself anywhere: its own % and _ (and the escape) are literal. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The users an admin lists: one statement per combination of filters, prepared on first use. */
function userLister(db: Database) {
  const statements = new Map<string, ReturnType<Database['prepare']>>();
  return function listUsers(query: UserListQuery): UserRecord[] {
    const conditions: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.role !== undefined) {
      conditions.push('role = @role');
      params.role = query.role;
    }
    if (query.emailContains) {
      conditions.push("email LIKE @pattern ESCAPE '\\'");
      params.pattern = containsPattern(query.emailContains);
    }
    if (query.afterEmail !== undefined) {
      conditions.push('email > @after');
      params.after = query.afterEmail.toLowerCase();
    }
    const sql = `SELECT * FROM users${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY email LIMIT @limit`;
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return (statement.all(params) as UserRow[]).map((row) => toRecord(row)!);
  };
}

/** Users and their hashed API tokens in SQLite. */
export function createUserRepository(db: Database): UserRepository {
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const byToken = db.prepare(`SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id
    WHERE api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL`);
  const count = db.prepare('SELECT count(*) FROM users').pluck();
  const insertUser = db.prepare(`INSERT INTO users (id, email, name, role, org_id, jurisdiction, created_at, disabled_at)
    VALUES (@id, @email, @name, @role, @orgId, @jurisdiction, @createdAt, @disabledAt)`);
  const disable = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL');
  const passwordOf = db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck();
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const tokens = tokenStatements(db);
  const list = userLister(db);
  return {
    async get(id) {
      return toRecord(byId.get(id) as UserRow | undefined);
    },
    async list(query) {
      return list(query);
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
    async findToken(tokenHash) {
      return toToken(tokens.byHash.get(tokenHash) as TokenRow | undefined);
    },
    async getToken(id) {
      return toToken(tokens.byId.get(id) as TokenRow | undefined);
    },
    async listTokens(userId) {
      return (tokens.ofUser.all(userId) as TokenRow[]).map((row) => toToken(row)!);
    },
    async insert(user) {
      translateConstraint(`user "${user.email}"`, () => insertUser.run(user));
    },
    async insertToken(token) {
      translateConstraint('API token', () => tokens.insert.run(token));
    },
    async revokeToken(id, at) {
      tokens.revoke.run(at, id);
    },
    async disable(userId, at) {
      disable.run(at, userId);
    },
    async passwordHashOf(userId) {
      return (passwordOf.get(userId) as string | null | undefined) ?? null;
    },
    async setPasswordHash(userId, passwordHash, at) {
      setPassword.run(passwordHash, at, userId);
    },
  };
}
