import { poolUnavailable } from './budget-errors.ts';
import type { WorkerRequest } from './worker-protocol.ts';
import { startSlot, type Slot, type SlotBudgets } from './worker-slot.ts';

/** The size, queue bound and budgets of a pool (see Config.checks). */
export interface PoolOptions extends SlotBudgets {
  workers: number;
  queueLimit: number;
}

/** One task for some worker; `message` may read the store while the worker waits, `done` sees the reply. */
export interface PoolTask<T> {
  /** A cache key: an idle worker that holds it is preferred. */
  affinity?: string;
  message(known: ReadonlySet<string>): Promise<WorkerRequest>;
  done(value: unknown, known: Set<string>): T;
}

/** Worker threads that run one task each at a time within the budgets. */
export interface WorkerPool {
  run<T>(task: PoolTask<T>): Promise<T>;
  close(): Promise<void>;
}

interface Queued {
  task: PoolTask<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * A pool of at most `workers` threads running `entry`. A task that overruns its time budget (compile or
 * check), or a worker that overruns its heap, ends that worker, a fresh one starts at once, and the task
 * fails with DomainError('check_too_expensive', details.limit 'time' or 'memory'). Beyond `queueLimit`
 * waiting tasks, a task fails at once with 'unavailable' and details.retryAfter. Workers start on demand.
 */
export function createWorkerPool(entry: URL, options: PoolOptions): WorkerPool {
  const slots: Slot[] = [];
  const queue: Queued[] = [];
  let closed = false;
  const retryAfter = Math.max(1, Math.ceil(options.timeBudgetMs / 1000));

  function spawn(): Slot {
    const slot = startSlot(entry, options, function onEnd(ended, overrun) {
      slots.splice(slots.indexOf(ended), 1);
      // An overrunning worker is replaced at once, so the next task does not wait for a start-up.
      if (overrun && !closed && slots.length < options.workers) spawn();
    });
    slots.push(slot);
    return slot;
  }

  async function execute<T>(slot: Slot, task: PoolTask<T>): Promise<T> {
    slot.busy = true;
    try {
      await slot.ready;
      const value = await slot.send(await task.message(slot.known));
      return task.done(value, slot.known);
    } finally {
      slot.busy = false;
      pump();
    }
  }

  function idleSlot(affinity?: string): Slot | undefined {
    const idle = slots.filter((slot) => !slot.busy);
    return idle.find((slot) => affinity !== undefined && slot.known.has(affinity)) ?? idle[0];
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      const slot = idleSlot(queue[0]!.task.affinity) ?? (slots.length < options.workers ? spawn() : undefined);
      if (!slot) return;
      const next = queue.shift()!;
      execute(slot, next.task).then(next.resolve, next.reject);
    }
  }

  return {
    run<T>(task: PoolTask<T>): Promise<T> {
      if (closed) return Promise.reject(poolUnavailable('the check pool is shut down', retryAfter));
      return new Promise<T>((resolve, reject) => {
        queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
        pump();
        if (queue.length <= options.queueLimit) return;
        queue.pop();
        reject(poolUnavailable(`too many checks are waiting (${options.queueLimit}); try again shortly`, retryAfter));
      });
    },
    async close() {
      closed = true;
      const reason = poolUnavailable('the check pool is shut down', retryAfter);
      for (const waiting of queue.splice(0)) waiting.reject(reason);
      await Promise.all([...slots].map((slot) => slot.end(reason)));
    },
  };
}
