import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { walBackstopPages, type CheckpointResult } from '../../server/store/sqlite/wal-checkpointer.ts';
import type { StandardRecord, Store } from '../../server/store/port.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A draft standard of about `bytes` of schema text, so each write adds a known amount to the WAL. */
function bulkyDraft(bytes: number): StandardRecord {
  const code = `BULK-${randomUUID().slice(0, 8).toUpperCase()}`;
  return {
    code, version: '1.0.0', category: 'bulk', title: { en: 'Bulk', ru: 'Объём', fa: 'حجم' },
    schema: { type: 'object', description: 'x'.repeat(bytes) }, schemaId: null, contentHash: randomUUID(), status: 'draft',
    ownerOrgId: null, createdBy: 'test', createdAt: new Date().toISOString(), publishedAt: null, retiredAt: null,
  };
}

async function writeBytes(store: Store, total: number): Promise<void> {
  for (let written = 0; written < total; written += 64 * 1024) await store.transaction((tx) => tx.standards.insert(bulkyDraft(64 * 1024)));
}

const sizeOf = (path: string) => { try { return statSync(path).size; } catch { return 0; } };

describe('sqlite WAL checkpoints in the background', () => {
  it('when writes stop, then a checkpoint moves them into the database file with no request doing it, and the WAL stays bounded', async () => {
    const dir = tempDir();
    const results: CheckpointResult[] = [];
    const store = openSqliteStore(dir.path, { checkpointEveryMs: 50, onCheckpoint: (result) => results.push(result) });
    const dbPath = join(dir.path, databaseFileName);
    try {
      // The writer's own autocheckpoint is only a backstop, far above what this test writes (2 MB a round, 10 MB in all).
      const probe = new Database(dbPath, { readonly: true });
      assert.ok(walBackstopPages * (probe.pragma('page_size', { simple: true }) as number) > 10 * 1024 * 1024);
      probe.close();

      let walHighWater = 0;
      for (let round = 0; round < 5; round++) {
        const mainBefore = sizeOf(dbPath);
        await writeBytes(store, 2 * 1024 * 1024);
        walHighWater = Math.max(walHighWater, sizeOf(`${dbPath}-wal`));
        // No store call from here on: only the background checkpointer can move the frames into the main file.
        const writesEnded = Date.now();
        const complete = (r: CheckpointResult) => r.at > writesEnded && r.ok && r.log > 0 && r.checkpointed === r.log;
        const deadline = Date.now() + 10_000;
        while (!results.some(complete) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        assert.ok(results.some(complete), `round ${round}: no complete background checkpoint in 10 s: ${JSON.stringify(results.slice(-3))}`);
        assert.ok(sizeOf(dbPath) >= mainBefore + 2 * 1024 * 1024, `round ${round}: the database file holds the round's 2 MB`);
      }
      // Each round's writes restart the checkpointed WAL instead of growing it: it never held much more than one round.
      assert.ok(walHighWater < 4 * 1024 * 1024, `WAL grew to ${walHighWater} bytes over 10 MB of writes`);
      const stored = new Database(dbPath, { readonly: true });
      assert.equal(stored.prepare("SELECT count(*) FROM standards WHERE category = 'bulk'").pluck().get(), 5 * 32);
      stored.close();
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('when the store closes, then the checkpointer stops with it and the database is left whole', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path, { checkpointEveryMs: 20 });
    await writeBytes(store, 256 * 1024);
    await store.close();
    // With every connection closed SQLite checkpoints and removes the WAL: no worker still holds the file open.
    assert.equal(sizeOf(join(dir.path, `${databaseFileName}-wal`)), 0);
    const db = new Database(join(dir.path, databaseFileName), { readonly: true });
    assert.equal(db.prepare("SELECT count(*) FROM standards WHERE category = 'bulk'").pluck().get(), 4);
    db.close();
    dir.remove();
  });
});
