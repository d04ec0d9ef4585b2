import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { StandardRecord } from '../../server/store/port.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function draft(code: string): StandardRecord {
  return {
    code, version: '1.0.0', category: 'group', title: { en: 'Group', ru: 'Группа', fa: 'گروه' },
    schema: { type: 'object' }, schemaId: null, contentHash: `hash-${code}`, status: 'draft',
    ownerOrgId: null, createdBy: 'test', createdAt: '2026-01-01T00:00:00.000Z', publishedAt: null, retiredAt: null,
  };
}

describe('sqlite group commit', () => {
  it('when transactions arrive together and one fails half-way, then only its writes are undone and every other one is stored', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.transaction(async (tx) => {
        await tx.standards.insert(draft(`GROUP-${i}`));
        await new Promise((resolve) => setImmediate(resolve)); // let the others queue up behind this one
        if (i === 7) {
          await tx.standards.insert(draft('GROUP-7-EXTRA'));
          throw new Error('job 7 fails after writing');
        }
        return i;
      })));
      assert.deepEqual(outcomes.map((o) => o.status), outcomes.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
      assert.equal((outcomes[7] as PromiseRejectedResult).reason.message, 'job 7 fails after writing');
      assert.deepEqual(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value), [...Array(20).keys()].filter((i) => i !== 7));
      // Read through the read-only connection: only committed data is visible there.
      const stored = (await store.standards.list()).filter((r) => r.category === 'group').map((r) => r.code).sort();
      assert.deepEqual(stored, [...Array(20).keys()].filter((i) => i !== 7).map((i) => `GROUP-${i}`).sort());
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('when a transaction breaks a constraint inside a group, then it alone is refused with the constraint error', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      const [first, duplicate, third] = await Promise.allSettled([
        store.transaction((tx) => tx.standards.insert(draft('DUP'))),
        store.transaction((tx) => tx.standards.insert(draft('DUP'))),
        store.transaction((tx) => tx.standards.insert(draft('AFTER'))),
      ]);
      assert.equal(first.status, 'fulfilled');
      assert.equal(duplicate.status, 'rejected');
      assert.equal((duplicate as PromiseRejectedResult).reason.code, 'conflict');
      assert.equal(third.status, 'fulfilled');
      assert.deepEqual((await store.standards.list()).map((r) => r.code).sort(), ['AFTER', 'DUP']);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
