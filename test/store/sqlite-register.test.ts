import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { registerWindow } from '../../server/store/sqlite/register.ts';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { RegisterSearch, Store } from '../../server/store/port.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const now = '2031-06-01T00:00:00.000Z';

describe('sqlite register: searches read in windows', () => {
  const dir = tempDir();
  let store: Store;
  // 400 rows spread over six windows of positions; every 7th has expired, every 11th was issued in March 2029.
  const positions = Array.from({ length: 400 }, (_, i) => 1 + Math.floor(((i + 1) / 400) ** 2 * 6 * registerWindow));
  const expired = (position: number) => position % 7 === 0;
  const inMarch = (position: number) => position % 11 === 0;

  before(async () => {
    await openSqliteStore(dir.path).close();
    const db = new Database(join(dir.path, databaseFileName));
    // Register rows alone (no certificates): the search is what is tested.
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(`INSERT INTO certificate_register (position, number, jurisdiction, status, manufacturer, brand, model, variants, hs_code,
      standard_code, standard_version, issued_at, valid_until, manufacturer_key, model_key, hs_digits)
      VALUES (?, ?, 'IR', 'valid', 'Maker', 'Brand', 'Model', '[]', '8517.13.00', 'IRRU-UE', '1.0.0', ?, ?, 'maker', 'model', '85171300')`);
    for (const position of new Set(positions)) {
      insert.run(position, `IRRU-IR-2030-${String(position).padStart(6, '0')}-0`, inMarch(position) ? '2029-03-15T00:00:00.000Z' : '2030-01-01T00:00:00.000Z',
        expired(position) ? '2031-01-01T00:00:00.000Z' : '2033-01-01T00:00:00.000Z');
    }
    db.close();
    store = openSqliteStore(dir.path);
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  async function everyPage(search: Omit<RegisterSearch, 'limit' | 'beforePosition'>, pageSize: number): Promise<number[]> {
    const found: number[] = [];
    for (;;) {
      const page = await store.register.search({ ...search, limit: pageSize, ...(found.length ? { beforePosition: found.at(-1)! } : {}) });
      found.push(...page.map((row) => row.position));
      if (page.length < pageSize) return found;
    }
  }

  it('when the filter is a date no index orders, then every match comes once, newest first, across windows and pages', async () => {
    const newestFirst = [...new Set(positions)].sort((a, b) => b - a);
    assert.deepEqual(await everyPage({ words: [], statuses: ['valid', 'suspended'], validUntilNotAfter: now }, 9), newestFirst.filter(expired));
    assert.deepEqual(await everyPage({ words: [], issuedFrom: '2029-03-01T00:00:00.000Z', issuedBefore: '2029-04-01T00:00:00.000Z' }, 5), newestFirst.filter(inMarch));
    assert.deepEqual(await everyPage({ words: ['maker'], statuses: ['valid', 'suspended'], validUntilNotAfter: now }, 50), newestFirst.filter(expired));
  });

  it('when a search needs several windows, then other work runs between them (the event loop is not held for the whole search)', async () => {
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    // Only the oldest rows have issue dates this early: the newest windows hold no match.
    const rows = await store.register.search({ words: [], issuedBefore: '2029-03-16T00:00:00.000Z', issuedFrom: '2029-03-15T00:00:00.000Z', limit: 1000 });
    assert.equal(rows.length, [...new Set(positions)].filter(inMarch).length);
    assert.ok(ranBetween, 'a callback queued before the search ran while it read its windows');
  });
});
