import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createWorkerPool, type PoolOptions, type WorkerPool } from '../../../server/domain/checking/worker-pool.ts';
import type { WorkerRequest } from '../../../server/domain/checking/worker-protocol.ts';
import { isDomainError } from '../../../server/domain/errors.ts';

const entry = new URL('./busy-worker.ts', import.meta.url);
const pools: WorkerPool[] = [];
function pool(options: Partial<PoolOptions> = {}): WorkerPool {
  const created = createWorkerPool(entry, { workers: 1, queueLimit: 2, timeBudgetMs: 500, compileBudgetMs: 500, memoryBudgetMb: 64, ...options });
  pools.push(created);
  return created;
}

type Reply = { value: unknown; threadId: number };
/** A task for busy-worker.ts; `compile` sends the standard along, so the clock starts with the compile budget. */
const task = (spec: { run: string; value?: unknown }, affinity?: string, compile = false) => ({
  affinity,
  message: async () => ({ kind: 'check', standard: { code: 'T', version: '1.0.0', contentHash: 'h' }, spec, ...(compile ? { source: { schema: {}, referenced: [] } } : {}) }) as WorkerRequest,
  done: (value: unknown, known: Set<string>) => {
    if (affinity) known.add(affinity);
    return value as Reply;
  },
});

describe('worker pool', () => {
  after(() => Promise.all(pools.map((p) => p.close())));

  it('when a task answers, then its value comes back and the same worker serves the next task', async () => {
    const p = pool();
    const first = await p.run(task({ run: 'echo', value: 1 }));
    const second = await p.run(task({ run: 'echo', value: 2 }));
    assert.deepEqual([first.value, second.value], [1, 2]);
    assert.equal(first.threadId, second.threadId);
  });

  it('when a task overruns the time budget, then it fails with check_too_expensive (time) and a fresh worker serves the next', async () => {
    const p = pool();
    const before = await p.run(task({ run: 'echo' }));
    const started = performance.now();
    await assert.rejects(p.run(task({ run: 'spin' })), (error) => isDomainError(error, 'check_too_expensive') && error.details.limit === 'time');
    assert.ok(performance.now() - started < 1500);
    const afterwards = await p.run(task({ run: 'echo', value: 'again' }));
    assert.equal(afterwards.value, 'again');
    assert.notEqual(afterwards.threadId, before.threadId);
  });

  it('when the worker has compiled, then the clock restarts with the check budget, and an overrun names its phase', async () => {
    const slowCompile = pool({ compileBudgetMs: 200, timeBudgetMs: 5000 });
    await assert.rejects(slowCompile.run(task({ run: 'compile-then-spin' }, undefined, true)),
      (error) => isDomainError(error, 'check_too_expensive') && error.details.phase === 'compile' && error.details.budgetMs === 200);
    const slowCheck = pool({ compileBudgetMs: 5000, timeBudgetMs: 300 });
    const started = performance.now();
    await assert.rejects(slowCheck.run(task({ run: 'compile-then-spin' }, undefined, true)),
      (error) => isDomainError(error, 'check_too_expensive') && error.details.phase === 'check' && error.details.budgetMs === 300);
    assert.ok(performance.now() - started >= 650, 'the check budget counts from the end of the compile');
  });

  it('when a worker overruns its heap, then the task fails with check_too_expensive (memory)', async () => {
    const p = pool({ timeBudgetMs: 20_000 });
    await assert.rejects(p.run(task({ run: 'hog' })), (error) => isDomainError(error, 'check_too_expensive') && error.details.limit === 'memory');
    assert.equal((await p.run(task({ run: 'echo', value: 3 }))).value, 3);
  });

  it('when the worker refuses with a domain error, then the same error is thrown here', async () => {
    await assert.rejects(pool().run(task({ run: 'fail' })), (error) => isDomainError(error, 'invalid_schema') && error.details.reason === 'test');
  });

  it('when more tasks wait than the queue holds, then the extra ones fail at once with unavailable and a retry time', async () => {
    const p = pool({ queueLimit: 1 });
    const running = p.run(task({ run: 'spin' }));
    const waiting = p.run(task({ run: 'echo', value: 'queued' }));
    await assert.rejects(p.run(task({ run: 'echo' })), (error) => isDomainError(error, 'unavailable') && error.details.retryAfter === 1);
    await assert.rejects(running, (error) => isDomainError(error, 'check_too_expensive'));
    assert.equal((await waiting).value, 'queued');
  });

  it('when a worker holds a task\'s affinity key, then that worker is chosen over an idle one that does not', async () => {
    const p = pool({ workers: 2 });
    const [a, b] = await Promise.all([p.run(task({ run: 'echo' }, 'std-a')), p.run(task({ run: 'echo' }, 'std-b'))]);
    assert.notEqual(a.threadId, b.threadId);
    for (let i = 0; i < 3; i++) assert.equal((await p.run(task({ run: 'echo' }, 'std-b'))).threadId, b.threadId);
  });

  it('when the pool is closed, then waiting and later tasks fail with unavailable', async () => {
    const p = pool();
    const running = p.run(task({ run: 'spin' }));
    const waiting = p.run(task({ run: 'echo' }));
    const refused = [running, waiting].map((pending) => assert.rejects(pending, (error) => isDomainError(error, 'unavailable')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await p.close();
    await Promise.all(refused);
    await assert.rejects(p.run(task({ run: 'echo' })), (error) => isDomainError(error, 'unavailable'));
  });
});
