import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from '../../server/store/sqlite/migrate.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('migration 004-accounts on an existing database', () => {
  const dir = tempDir();
  after(() => dir.remove());

  it('when organisations, users and tokens exist, then kinds are backfilled from their members and tokens get the default expiry', () => {
    const db = new Database(join(dir.path, 'old.sqlite'));
    const migrations = loadMigrations();
    migrate(db, migrations.filter((m) => m.version < 4));
    const at = '2025-01-01T00:00:00.000Z';
    const org = db.prepare('INSERT INTO organisations (id, name, jurisdiction, created_at) VALUES (?, ?, ?, ?)');
    const user = db.prepare('INSERT INTO users (id, email, name, role, org_id, jurisdiction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const [id, jurisdiction, role] of [['cra', 'IR', 'regulator'], ['fcs', 'RU', 'customs'], ['acme', null, 'vendor'], ['ops', null, 'admin'], ['bare', 'RU', null]] as const) {
      org.run(id, `Org ${id}`, jurisdiction, at);
      if (role) user.run(`u-${id}`, `${id}@example.org`, id, role, id, role === 'regulator' || role === 'customs' ? jurisdiction : null, at);
    }
    db.prepare('INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES (?, ?, ?, ?)').run('t1', 'u-acme', 'h1', at);
    assert.deepEqual(migrate(db, migrations.filter((m) => m.version === 4)), [4]);
    const kinds = Object.fromEntries((db.prepare('SELECT id, kind FROM organisations').all() as Array<{ id: string; kind: string }>).map((r) => [r.id, r.kind]));
    assert.deepEqual(kinds, { cra: 'authority', fcs: 'customs', acme: 'vendor', ops: 'operator', bare: 'authority' });
    const token = db.prepare('SELECT expires_at, name FROM api_tokens WHERE id = ?').get('t1') as { expires_at: string; name: string | null };
    const days = (Date.parse(token.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);
    assert.equal((db.prepare('SELECT disabled_at FROM users WHERE id = ?').get('u-acme') as { disabled_at: string | null }).disabled_at, null);
    db.close();
  });
});
