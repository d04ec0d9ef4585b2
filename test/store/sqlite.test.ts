import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore, databaseFileName } from '../../server/store/sqlite/sqlite-store.ts';
import { loadMigrations, migrate } from '../../server/store/sqlite/migrate.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { runStoreContract } from './contract.ts';

runStoreContract('sqlite', async () => {
  const dir = tempDir();
  const store = openSqliteStore(dir.path);
  return { store, dispose: async () => { await store.close(); dir.remove(); } };
});

describe('sqlite adapter', () => {
  it('when opened on an empty directory, then the database is created in WAL mode with every migration recorded', async () => {
    const dir = tempDir();
    const store = openSqliteStore(join(dir.path, 'nested', 'data'));
    await store.close();
    const db = new Database(join(dir.path, 'nested', 'data', databaseFileName));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    assert.deepEqual(versions, loadMigrations().map((m) => m.version));
    db.close();
    dir.remove();
  });

  it('when reopened, then no migration runs twice', () => {
    const db = new Database(':memory:');
    assert.deepEqual(migrate(db), loadMigrations().map((m) => m.version));
    assert.deepEqual(migrate(db), []);
    db.close();
  });

  it('when a migration fails, then the database stays at the previous version', () => {
    const db = new Database(':memory:');
    const good = { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER);' };
    const bad = { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' };
    assert.throws(() => migrate(db, [good, bad]), /no such table/);
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').pluck().all(), [1]);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get(), 0);
    db.close();
  });

  it('when a published standard is edited directly in the database, then the trigger refuses it', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    await store.transaction(async (tx) => {
      await tx.standards.insert({ code: 'IMM', version: '1.0.0', category: 'c', title: { en: 't' }, schema: {}, schemaId: null, contentHash: 'h', status: 'published', ownerOrgId: null, createdBy: 's', createdAt: 'now', publishedAt: 'now', retiredAt: null });
    });
    await store.close();
    const db = new Database(join(dir.path, databaseFileName));
    assert.throws(() => db.prepare("UPDATE standards SET schema = '{\"x\":1}' WHERE code = 'IMM'").run(), /immutable/);
    db.close();
    dir.remove();
  });
});
