import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import { fromHex, toHex } from '../../../server/domain/ledger/log-entry.ts';
import { consistencyPath, inclusionPath, rootHash } from '../../../server/domain/ledger/merkle.ts';
import { storedSubtreeCount, subtreesOfLeaves } from '../../../server/domain/ledger/subtree-hashes.ts';
import { appendLogEntry, consistencyProof, inclusionProof, rootAt } from '../../../server/domain/ledger/transparency-log.ts';
import { backfillLogSubtrees } from '../../../server/store/sqlite/log-subtrees.ts';
import { databaseFileName, openSqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';
import type { Store, StoreTransaction, TransparencyLogReader } from '../../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../../helpers/registry.ts';
import { rfcRoot, rfcVerifyInclusion } from '../../helpers/rfc9162-verifier.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const entry = (i: number) => ({ type: 'certificate.issued' as const, number: `IRRU-IR-2026-${String(i + 1).padStart(6, '0')}-0`, credentialHash: 'cd'.repeat(32), status: 'valid' as const, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });

/** A seeded generator (mulberry32), so a failure names a size and an index that can be run again. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** The naive RFC 9162 results (merkle.ts, the reference) over the first `size` leaves. */
const naive = (leaves: Uint8Array[], size: number) => leaves.slice(0, size);
const hexes = (items: Uint8Array[]) => items.map(toHex);

/**
 * Appends `count` synthetic leaves and their complete subtrees straight into the database file (the way a large
 * log would look after years of issuance), far faster than issuing: one transaction, prepared statements.
 * With `subtrees: false` only the leaves are written, as a log from before migration 014 was.
 */
function fillLog(dataDir: string, count: number, options: { subtrees?: boolean } = {}): void {
  const db = new Database(join(dataDir, databaseFileName));
  try {
    db.pragma('busy_timeout = 5000');
    const start = db.prepare('SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaves').pluck().get() as number;
    const insertLeaf = db.prepare('INSERT INTO log_leaves (leaf_index, entry, leaf_hash, created_at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = start; i < start + count; i += 1) {
        const text = JSON.stringify(entry(i));
        insertLeaf.run(i, text, createHash('sha256').update(Buffer.of(0)).update(text).digest('hex'), entry(i).at);
      }
    })();
    if (options.subtrees !== false) backfillLogSubtrees(db);
  } finally {
    db.close();
  }
}

/** Rows of log_subtrees, read beside the store. */
function subtreeRows(dataDir: string): Array<{ level: number; subtree_index: number; hash: Buffer }> {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT level, subtree_index, hash FROM log_subtrees ORDER BY level, subtree_index').all() as Array<{ level: number; subtree_index: number; hash: Buffer }>;
  } finally {
    db.close();
  }
}

/** A reader that counts what it reads: one per call, plus one per subtree hash or leaf returned. */
function countingLog(log: TransparencyLogReader) {
  const counts = { calls: 0, rows: 0, leafHashes: 0 };
  const reader: TransparencyLogReader = {
    async size() {
      counts.calls += 1;
      return log.size();
    },
    async leafHashes(size) {
      counts.calls += 1;
      counts.leafHashes += 1;
      const all = await log.leafHashes(size);
      counts.rows += all.length;
      return all;
    },
    async leaves(start, end) {
      counts.calls += 1;
      const rows = await log.leaves(start, end);
      counts.rows += rows.length;
      return rows;
    },
    async subtreeHashes(keys) {
      counts.calls += 1;
      counts.rows += keys.length;
      return log.subtreeHashes(keys);
    },
  };
  return { reader, counts, reads: () => counts.calls + counts.rows };
}

describe('logarithmic proofs from stored subtree hashes', () => {
  it('when leaves are appended in transactions of random sizes, then every root and proof equals the naive recomputation and n − popcount(n) subtrees are stored', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      const random = seeded(13);
      const total = 300;
      for (let appended = 0; appended < total;) {
        const batch = Math.min(total - appended, 1 + random(9));
        await store.transaction(async (tx) => {
          for (let i = 0; i < batch; i += 1) assert.equal(await appendLogEntry(tx, entry(appended + i)), appended + i);
        });
        appended += batch;
      }
      const leaves = (await store.transparencyLog.leafHashes(total)).map(fromHex);
      for (let n = 1; n <= total; n += 1) {
        const tree = naive(leaves, n);
        assert.equal(await rootAt(store.transparencyLog, n), toHex(rootHash(tree)), `root of ${n}`);
        const indices = n <= 40 ? Array.from({ length: n }, (_, i) => i) : [0, n - 1, random(n), random(n)];
        for (const index of indices) {
          const proof = await inclusionProof(store.transparencyLog, index, n);
          assert.deepEqual(proof, { leafIndex: index, treeSize: n, leafHash: toHex(tree[index]!), rootHash: toHex(rootHash(tree)), path: hexes(inclusionPath(index, tree)) }, `leaf ${index} of ${n}`);
        }
        const froms = n <= 40 ? Array.from({ length: n }, (_, i) => i + 1) : [1, n, 1 + random(n), 1 + random(n)];
        for (const from of froms) {
          const proof = await consistencyProof(store.transparencyLog, from, n);
          assert.deepEqual(proof, { from, to: n, fromRoot: toHex(rootHash(tree.slice(0, from))), toRoot: toHex(rootHash(tree)), path: hexes(consistencyPath(from, tree)) }, `${from} → ${n}`);
        }
      }
      assert.equal(await rootAt(store.transparencyLog, 0), rfcRoot([]));
      // The reader answers in the order asked: a leaf, a complete subtree, one not complete (256 leaves from 256), one beyond the end.
      assert.deepEqual(
        await store.transparencyLog.subtreeHashes([{ level: 0, index: 299 }, { level: 2, index: 3 }, { level: 8, index: 1 }, { level: 0, index: 300 }]),
        [toHex(leaves[299]!), toHex(rootHash(leaves.slice(12, 16))), null, null],
      );
      // The stored state: exactly the complete subtrees, each the MTH of its leaves.
      const rows = subtreeRows(dir.path);
      assert.equal(rows.length, storedSubtreeCount(total));
      assert.equal(rows.length, total - [...total.toString(2)].filter((bit) => bit === '1').length);
      for (const row of rows) {
        const width = 2 ** row.level;
        assert.ok((row.subtree_index + 1) * width <= total, `subtree ${row.level}:${row.subtree_index} is complete`);
        assert.equal(row.hash.toString('hex'), toHex(rootHash(leaves.slice(row.subtree_index * width, (row.subtree_index + 1) * width))), `subtree ${row.level}:${row.subtree_index}`);
      }
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('when a store whose leaves were written before subtrees were stored is opened, then they are filled in once and the proofs equal the naive ones', async () => {
    const dir = tempDir();
    try {
      await openSqliteStore(dir.path).close();
      fillLog(dir.path, 1037, { subtrees: false });
      assert.equal(subtreeRows(dir.path).length, 0);
      const store = openSqliteStore(dir.path);
      try {
        assert.equal(subtreeRows(dir.path).length, storedSubtreeCount(1037));
        const leaves = (await store.transparencyLog.leafHashes(1037)).map(fromHex);
        assert.equal(await rootAt(store.transparencyLog, 1037), toHex(rootHash(leaves)));
        for (const index of [0, 511, 512, 1024, 1036]) assert.deepEqual((await inclusionProof(store.transparencyLog, index)).path, hexes(inclusionPath(index, leaves)));
        assert.deepEqual((await consistencyProof(store.transparencyLog, 600, 1037)).path, hexes(consistencyPath(600, leaves)));
        // Appending after the fill continues the same tree.
        await store.transaction(async (tx) => void (await appendLogEntry(tx, entry(1037))));
        const grown = (await store.transparencyLog.leafHashes(1038)).map(fromHex);
        assert.equal(await rootAt(store.transparencyLog, 1038), toHex(rootHash(grown)));
        assert.equal(subtreeRows(dir.path).length, storedSubtreeCount(1038));
      } finally {
        await store.close();
      }
      // A second opening finds every subtree stored and writes nothing.
      const db = new Database(join(dir.path, databaseFileName));
      try {
        assert.equal(backfillLogSubtrees(db), 0);
      } finally {
        db.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('when a proof is asked for beyond the end of the log or with a bad leaf or size, then it is refused as before, without a stored hash read wrong', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 10; i += 1) await appendLogEntry(tx, entry(i));
      });
      const refused = (code: string, message: RegExp) => (error: Error & { code?: string }) => error.code === code && message.test(error.message);
      await assert.rejects(inclusionProof(store.transparencyLog, 3, 11), refused('not_found', /the log has 10 leaves, not 11/));
      await assert.rejects(inclusionProof(store.transparencyLog, 12, 11), refused('not_found', /the log has 10 leaves, not 11/));
      await assert.rejects(inclusionProof(store.transparencyLog, 10), refused('not_found', /no leaf 10 in a tree of 10/));
      await assert.rejects(inclusionProof(store.transparencyLog, 4, 4), refused('not_found', /no leaf 4 in a tree of 4/));
      await assert.rejects(inclusionProof(store.transparencyLog, 0, 1.5), refused('not_found', /not 1.5/));
      await assert.rejects(consistencyProof(store.transparencyLog, 2, 99), refused('not_found', /the log has 10 leaves, not 99/));
      await assert.rejects(consistencyProof(store.transparencyLog, 200, 99), refused('not_found', /the log has 10 leaves, not 99/));
      await assert.rejects(consistencyProof(store.transparencyLog, 0, 3), refused('validation_failed', /between 1 and 3/));
      await assert.rejects(consistencyProof(store.transparencyLog, 5, 4), refused('validation_failed', /between 1 and 4/));
      // The log is unchanged by the refusals, and a proof at its full size still works.
      assert.equal(await store.transparencyLog.size(), 10);
      assert.equal((await inclusionProof(store.transparencyLog, 9, 10)).treeSize, 10);
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('when a subtree hash is missing, then a proof is refused as an invalid state rather than computed wrong', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    try {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 4; i += 1) await appendLogEntry(tx, entry(i));
      });
      const log: TransparencyLogReader = { size: () => store.transparencyLog.size(), leafHashes: (n) => store.transparencyLog.leafHashes(n), leaves: (a, b) => store.transparencyLog.leaves(a, b), subtreeHashes: async (keys) => keys.map(() => null) };
      await assert.rejects(inclusionProof(log, 1), (error: Error & { code?: string }) => error.code === 'invalid_state' && /no stored hash/.test(error.message));
    } finally {
      await store.close();
      dir.remove();
    }
  });

  describe('in a log of more than 2^17 leaves', () => {
    const size = 2 ** 17 + 4321;
    const dir = tempDir();
    let store: Store;
    let leaves: Uint8Array[];
    before(async () => {
      await openSqliteStore(dir.path).close();
      fillLog(dir.path, size);
      store = openSqliteStore(dir.path);
      leaves = (await store.transparencyLog.leafHashes(size)).map(fromHex);
    });
    after(async () => {
      await store.close();
      dir.remove();
    });

    it('when inclusion and consistency proofs and roots are made, then each reads at most 2·log2(n)+2 rows and equals the naive recomputation', async () => {
      const random = seeded(17);
      const bound = 2 * Math.ceil(Math.log2(size)) + 2;
      assert.equal(subtreeRows(dir.path).length, storedSubtreeCount(size));
      for (let round = 0; round < 4; round += 1) {
        const n = round === 0 ? size : 1 + random(size);
        const index = round === 1 ? n - 1 : random(n);
        const tree = naive(leaves, n);
        const counted = countingLog(store.transparencyLog);
        const proof = await inclusionProof(counted.reader, index, n);
        assert.ok(counted.reads() <= bound, `inclusion of ${index} in ${n}: ${counted.reads()} reads > ${bound}`);
        assert.equal(counted.counts.leafHashes, 0);
        assert.deepEqual(proof.path, hexes(inclusionPath(index, tree)), `leaf ${index} of ${n}`);
        assert.equal(proof.rootHash, toHex(rootHash(tree)));
        assert.ok(rfcVerifyInclusion(index, n, proof.leafHash, proof.path, proof.rootHash));

        const from = 1 + random(n);
        const consistency = countingLog(store.transparencyLog);
        const consistent = await consistencyProof(consistency.reader, from, n);
        assert.ok(consistency.reads() <= 3 * Math.ceil(Math.log2(size)) + 2, `consistency ${from} → ${n}: ${consistency.reads()} reads`);
        assert.deepEqual(consistent.path, hexes(consistencyPath(from, tree)), `consistency ${from} → ${n}`);

        const root = countingLog(store.transparencyLog);
        assert.equal(await rootAt(root.reader, n), toHex(rootHash(tree)));
        assert.ok(root.reads() <= Math.ceil(Math.log2(size)) + 1, `root of ${n}: ${root.reads()} reads`);
      }
    });
  });
});

/** Wraps every repository of the store (and of each transaction) so that each call counts one read and each row returned one more. */
function countStoreReads(store: Store) {
  let reads = 0;
  const logReads = { rows: 0, leafHashes: 0 };
  const wrap = <T extends object>(name: string, repository: T): T => new Proxy(repository, {
    get(target, method) {
      const original = Reflect.get(target, method) as unknown;
      if (typeof original !== 'function' || typeof method !== 'string') return original;
      return async (...args: unknown[]) => {
        const result = await (original as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const rows = name === 'transparencyLog' && method === 'subtreeHashes' ? (args[0] as unknown[]).length : Array.isArray(result) ? result.length : 0;
        reads += 1 + rows;
        if (name === 'transparencyLog') logReads.rows += 1 + rows;
        if (name === 'transparencyLog' && method === 'leafHashes') logReads.leafHashes += 1;
        return result;
      };
    },
  });
  const originals = new Map<string, unknown>();
  const mutable = store as unknown as Record<string, unknown>;
  const repositoryNames = Object.keys(store).filter((key) => key !== 'files' && typeof mutable[key] === 'object' && mutable[key] !== null);
  for (const name of repositoryNames) {
    originals.set(name, mutable[name]);
    mutable[name] = wrap(name, mutable[name] as object);
  }
  const transaction = store.transaction;
  originals.set('transaction', transaction);
  store.transaction = (work) => transaction((tx) => work(Object.fromEntries(Object.entries(tx).map(([name, repo]) => [name, wrap(name, repo as object)])) as unknown as StoreTransaction));
  return {
    reads: () => reads,
    logReads,
    reset: () => {
      reads = 0;
      logReads.rows = 0;
      logReads.leafHashes = 0;
    },
    restore: () => {
      for (const [name, value] of originals) mutable[name] = value;
    },
  };
}

describe('a certificate in a log of more than 2^17 leaves', () => {
  let registry: TestRegistry;
  let number: string;
  let size: number;
  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR');
    fillLog(registry.dataDir, 2 ** 17 + 777);
    number = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).number;
    size = await registry.store.transparencyLog.size();
  });
  after(() => registry.close());

  it('when it is fetched (signing the checkpoint, then again), then each GET reads O(log n) rows and its inclusion proof is the naive one', async () => {
    assert.ok(size > 2 ** 17);
    assert.equal(subtreeRows(registry.dataDir).length, storedSubtreeCount(size));
    const counter = countStoreReads(registry.store);
    const bound = 4 * Math.log2(size) + 40;
    try {
      const first = await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200);
      assert.ok(counter.reads() <= bound, `first GET (the checkpoint signed): ${counter.reads()} reads > ${bound}`);
      assert.equal(counter.logReads.leafHashes, 0);
      counter.reset();
      const second = await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200);
      assert.ok(counter.reads() <= bound, `second GET: ${counter.reads()} reads > ${bound}`);
      assert.ok(counter.logReads.rows <= 2 * Math.ceil(Math.log2(size)) + 6, `log reads of the second GET: ${counter.logReads.rows}`);
      assert.equal(counter.logReads.leafHashes, 0);
      assert.deepEqual(second.body.inclusionProof, first.body.inclusionProof);

      const proof = first.body.inclusionProof as { leafIndex: number; treeSize: number; leafHash: string; path: string[] };
      const leaves = (await registry.store.transparencyLog.leafHashes(size)).map(fromHex);
      assert.equal(proof.treeSize, size);
      assert.deepEqual(proof.path, hexes(inclusionPath(proof.leafIndex, leaves)));
      assert.ok(rfcVerifyInclusion(proof.leafIndex, size, proof.leafHash, proof.path, toHex(rootHash(leaves))));
      assert.equal((await registry.store.checkpoints.get(size))?.rootHash, toHex(rootHash(leaves)));
    } finally {
      counter.restore();
    }
  });
});

// The one-pass fill is the same algorithm the appends follow: checked here on its own against the naive tree.
describe('subtreesOfLeaves', () => {
  it('when 100 leaves are streamed, then it yields each complete subtree once, with the MTH of its leaves', () => {
    const leaves = Array.from({ length: 100 }, (_, i) => new Uint8Array(createHash('sha256').update(`leaf ${i}`).digest()));
    const yielded = [...subtreesOfLeaves(leaves)];
    assert.equal(yielded.length, storedSubtreeCount(100));
    assert.equal(new Set(yielded.map((s) => `${s.level}:${s.index}`)).size, yielded.length);
    for (const { level, index, hash } of yielded) assert.equal(toHex(hash), toHex(rootHash(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level))));
  });
});
