import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, cpSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.ts';
import { runRegistry } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { assertAcknowledgedServed, assertLedgerConsistent, createDraft, lane, postDraft, seedRegistry, type Acknowledged, type Actors } from './registry-driver.ts';
import { call, startServer, type ServerOptions, type ServerProcess } from './server-process.ts';

const isRoot = process.getuid?.() === 0;
const nobody = 65534;

/** Polls /readyz until it answers `status` (a fault or a recovery takes one cached check to show). */
async function readyzBecomes(server: ServerProcess, status: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await call(server.url, 'GET', '/readyz');
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A read must answer 2xx, or a 503 storage_unavailable problem: never a bare 500. */
async function assertReadAnswers(server: ServerProcess, actors: Actors, path: string) {
  const res = await call(server.url, 'GET', path, actors.vendor);
  assert.ok(res.status === 200 || (res.status === 503 && res.body.code === 'storage_unavailable'), `read answered ${res.status}`);
}

async function assertWriteRefused(server: ServerProcess, actors: Actors, storage: string) {
  const res = await postDraft(server.url, actors);
  assert.deepEqual([res.status, res.body.code, res.body.storage], [503, 'storage_unavailable', storage]);
}

function tryMount(dir: string, size: string): boolean {
  if (!isRoot) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function fillDisk(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

function setMode(dir: string, dirMode: number, fileMode: number): void {
  chmodSync(dir, dirMode);
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isFile()) chmodSync(join(dir, name), fileMode);
}

describe('reliability of the real server: crashes, full disks, read-only and damaged files', () => {
  const dir = tempDir();
  const template = join(dir.path, 'template');
  let actors: Actors;
  before(async () => {
    actors = await seedRegistry(template);
  });
  after(() => dir.remove());
  const copyOf = (name: string, into = join(dir.path, name)) => {
    cpSync(template, into, { recursive: true });
    return into;
  };

  it('when the server is killed mid-burst and restarted, then every acknowledged write is there and the ledger checks out', async () => {
    const data = copyOf('crash');
    const first = await startServer(data);
    const acked: Acknowledged = { submissions: [], certificates: [], statusChanges: [] };
    const lanes = Array.from({ length: 4 }, () => lane(first.url, actors, acked));
    const deadline = Date.now() + 15_000;
    while (acked.certificates.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop('SIGKILL');
    await Promise.all(lanes);
    assert.ok(acked.certificates.length >= 4, `the burst issued ${acked.certificates.length} certificates before the kill`);
    const second = await startServer(data);
    try {
      await assertAcknowledgedServed(second.url, actors, acked);
    } finally {
      await second.stop();
    }
    assertLedgerConsistent(data, acked);
    const audit = runRegistry(data, ['audit', 'verify']);
    assert.equal(audit.code, 0, audit.stdout + audit.stderr);
    assert.equal(JSON.parse(audit.stdout).ok, true);
  });

  it('when the disk fills up (a small tmpfs), then /readyz and writes answer 503 storage_unavailable, reads go on, and all recovers when space returns', async (t) => {
    const mount = join(dir.path, 'small-disk');
    mkdirSync(mount);
    if (!tryMount(mount, '48m')) return t.skip('mounting a tmpfs needs root');
    try {
      const data = copyOf('full', join(mount, 'data'));
      const server = await startServer(data);
      try {
        const kept = await createDraft(server.url, actors);
        assert.ok(kept);
        const filler = fillDisk(mount);
        const notReady = await call(server.url, 'GET', '/readyz');
        assert.deepEqual([notReady.status, notReady.body.code, notReady.body.storage], [503, 'storage_unavailable', 'unwritable']);
        await assertWriteRefused(server, actors, 'unwritable');
        await assertReadAnswers(server, actors, `/api/v1/submissions/${kept}`);
        assert.ok(server.logs.some((line) => /store cannot be written/.test(line.msg)), 'the fault is logged');
        rmSync(filler);
        assert.equal((await readyzBecomes(server, 200)).status, 200);
        assert.ok(await createDraft(server.url, actors), 'writes work again');
        assert.equal((await call(server.url, 'GET', `/api/v1/submissions/${kept}`, actors.vendor)).status, 200, 'the write acknowledged before the disk filled is there');
      } finally {
        await server.stop('SIGKILL');
      }
    } finally {
      execFileSync('umount', [mount]);
    }
  });

  it('when the data directory is read-only at start, then the server serves what it can, refuses writes with 503 and recovers when it is writable again', async () => {
    const data = copyOf('read-only');
    // Root ignores permissions, so the server runs as nobody when the test runs as root.
    const as: ServerOptions = isRoot ? { uid: nobody, gid: nobody } : {};
    if (isRoot) chmodSync(dir.path, 0o755);
    if (isRoot) for (const path of [data, ...readdirSync(data, { recursive: true }).map((p) => join(data, String(p)))]) chownSync(path, nobody, nobody);
    setMode(data, 0o555, 0o444);
    const server = await startServer(data, as);
    try {
      assert.ok(server.logs.some((line) => /store cannot be written/.test(line.msg)), 'the start-up logs the fault');
      assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
      const notReady = await call(server.url, 'GET', '/readyz');
      assert.deepEqual([notReady.status, notReady.body.code], [503, 'storage_unavailable']);
      await assertWriteRefused(server, actors, 'unwritable');
      await assertReadAnswers(server, actors, '/api/v1/standards/IRRU-UE');
      setMode(data, 0o700, 0o600);
      assert.equal((await readyzBecomes(server, 200)).status, 200);
      const created = await createDraft(server.url, actors);
      assert.ok(created, 'writes work again');
      assert.equal((await call(server.url, 'GET', `/api/v1/submissions/${created}`, actors.vendor)).status, 200);
    } finally {
      await server.stop();
    }
  });

  it('when 64 KiB of garbage lands in the middle of the database, then /readyz says damaged, writes are refused with 503, and so after a restart', async () => {
    const data = copyOf('corrupt');
    const server = await startServer(data);
    let kept: string | null = null;
    try {
      kept = await createDraft(server.url, actors);
      assert.ok(kept);
      const file = join(data, databaseFileName);
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(statSync(file).size / 2 / 4096) * 4096);
      closeSync(fd);
      const notReady = await readyzBecomes(server, 503);
      assert.deepEqual([notReady.status, notReady.body.code, notReady.body.storage], [503, 'storage_unavailable', 'damaged']);
      await assertWriteRefused(server, actors, 'damaged');
      await assertReadAnswers(server, actors, `/api/v1/submissions/${kept}`);
      assert.ok(server.logs.some((line) => line.level >= 50 && /store damaged/.test(line.msg)), 'the damage is logged as an error');
    } finally {
      await server.stop('SIGKILL');
    }
    const restarted = await startServer(data);
    try {
      assert.ok(restarted.logs.some((line) => /store damaged/.test(line.msg)), 'the start-up check finds it');
      assert.equal((await call(restarted.url, 'GET', '/readyz')).status, 503);
      await assertWriteRefused(restarted, actors, 'damaged');
      await assertReadAnswers(restarted, actors, `/api/v1/submissions/${kept}`);
    } finally {
      await restarted.stop();
    }
  });
});
