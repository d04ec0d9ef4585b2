import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { StandardRecord } from '../../server/store/port.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function draft(maximum: number, contentHash: string): StandardRecord {
  return {
    code: 'CACHE-TEST', version: '1.0.0', category: 'cache', title: { en: 'Cache', ru: 'Кэш', fa: 'حافظه' },
    schema: { type: 'object', properties: { power: { type: 'number', maximum } } }, schemaId: null, contentHash, status: 'draft',
    ownerOrgId: null, createdBy: 'test', createdAt: '2026-01-01T00:00:00.000Z', publishedAt: null, retiredAt: null,
  };
}

const maximumOf = (record: StandardRecord | null) => ((record!.schema.properties as Record<string, { maximum: number }>).power!.maximum);

describe('sqlite standards: parsed schemas served from a content-hash keyed cache', () => {
  it('when a draft is replaced by another process, then the next read returns the new content, never the cached one', async () => {
    const dir = tempDir();
    const server = openSqliteStore(dir.path);
    const cli = openSqliteStore(dir.path);
    try {
      await server.transaction((tx) => tx.standards.insert(draft(23, 'hash-a')));
      assert.equal(maximumOf(await server.standards.get('CACHE-TEST', '1.0.0')), 23);
      assert.equal(maximumOf((await server.standards.listVersions('CACHE-TEST'))[0]!), 23);

      await cli.transaction((tx) => tx.standards.replaceDraft(draft(10, 'hash-b')));
      const after = await server.standards.get('CACHE-TEST', '1.0.0');
      assert.equal(after!.contentHash, 'hash-b');
      assert.equal(maximumOf(after), 10);
      assert.equal(maximumOf((await server.standards.list()).find((r) => r.code === 'CACHE-TEST')!), 10);

      // Status is never cached: a change by the other process is seen on the next read.
      await cli.transaction((tx) => tx.standards.setStatus('CACHE-TEST', '1.0.0', { status: 'published', publishedAt: '2026-01-02T00:00:00.000Z' }));
      assert.equal((await server.standards.get('CACHE-TEST', '1.0.0'))!.status, 'published');
    } finally {
      await cli.close();
      await server.close();
      dir.remove();
    }
  });

  it('when callers share a cached schema, then none of them can change it for the others', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      await store.transaction((tx) => tx.standards.insert(draft(23, 'hash-frozen')));
      const first = await store.standards.get('CACHE-TEST', '1.0.0');
      assert.throws(() => { (first!.schema.properties as Record<string, { maximum: number }>).power!.maximum = 99; }, TypeError);
      assert.equal(maximumOf(await store.standards.get('CACHE-TEST', '1.0.0')), 23);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
