import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors.ts';
import { overMemory, overTime, type Phase } from './budget-errors.ts';
import type { WorkerFailure, WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** The budgets one worker runs under. */
export interface SlotBudgets {
  /** Wall time of a first compile (an upload, or a standard new to this worker). */
  compileBudgetMs: number;
  /** Wall time of one check, once the standard is compiled. */
  timeBudgetMs: number;
  /** The worker's V8 old-generation heap. */
  memoryBudgetMb: number;
}

/** One worker thread running one request at a time. */
export interface Slot {
  /** Settles when the worker has loaded its entry (rejects when it dies first). */
  readonly ready: Promise<void>;
  /** Cache keys of the standards this worker has compiled. */
  readonly known: Set<string>;
  busy: boolean;
  readonly dead: boolean;
  /** Sends one request and resolves with its reply's value; a budget overrun ends the worker. */
  send(request: WorkerRequest): Promise<unknown>;
  /** Ends the worker; its pending request fails with `reason`. */
  end(reason: Error): Promise<number>;
}

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

function errorOf(failure: WorkerFailure): Error {
  return failure.code ? new DomainError(failure.code, failure.message, failure.details) : new Error(`check worker: ${failure.message}`);
}

/** A promise settled from outside: the worker's start-up. */
function startLatch() {
  let started = () => {};
  let failStart: (reason: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => { started = resolve; failStart = reject; });
  ready.catch(() => {}); // awaited by the first task, if any
  return { ready, started, failStart };
}

/**
 * Starts a worker thread on `entry` (through the bootstrap that lets it be TypeScript). When it ends for
 * any reason, `onEnd` is told once, with `overrun` true when a budget ended it.
 */
export function startSlot(entry: URL, budgets: SlotBudgets, onEnd: (slot: Slot, overrun: boolean) => void): Slot {
  const worker = new Worker(bootstrap, { workerData: { entry: entry.href }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: budgets.memoryBudgetMb } });
  worker.unref(); // an unclosed pool never keeps a process alive
  const { ready, started, failStart } = startLatch();
  let pending: { resolve(value: unknown): void; reject(error: Error): void; timer?: NodeJS.Timeout } | null = null;
  let dead = false;

  function end(reason: Error, overrun = false): Promise<number> {
    if (!dead) {
      dead = true;
      failStart(reason);
      clearTimeout(pending?.timer);
      pending?.reject(reason);
      pending = null;
      onEnd(slot, overrun);
    }
    return worker.terminate();
  }

  /** Starts (or restarts) the clock of the pending request for `phase`. */
  function arm(phase: Phase): void {
    if (!pending) return;
    clearTimeout(pending.timer);
    const budgetMs = phase === 'compile' ? budgets.compileBudgetMs : budgets.timeBudgetMs;
    pending.timer = setTimeout(() => void end(overTime(phase, budgetMs), true), budgetMs);
  }

  worker.on('message', (reply: WorkerReply) => {
    if ('ready' in reply) return started();
    if ('phase' in reply) return arm(reply.phase);
    const settled = pending;
    if (!settled) return;
    clearTimeout(settled.timer);
    pending = null;
    if (reply.ok) settled.resolve(reply.value);
    else settled.reject(errorOf(reply.error));
  });
  worker.on('error', (error: Error & { code?: string }) => {
    const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    void end(outOfMemory ? overMemory(budgets.memoryBudgetMb) : error, outOfMemory);
  });
  worker.on('exit', (code) => void end(new Error(`check worker exited with code ${code}`)));

  const slot: Slot = {
    ready,
    known: new Set(),
    busy: false,
    get dead() { return dead; },
    send(request) {
      return new Promise((resolve, reject) => {
        if (dead) return reject(new Error('check worker ended before the request was sent'));
        pending = { resolve, reject };
        arm(request.kind === 'compile' || request.source ? 'compile' : 'check');
        try {
          worker.postMessage(request);
        } catch (error) {
          // Structured cloning recurses: a value nested deeper than the stack allows cannot be sent at all.
          clearTimeout(pending.timer);
          pending = null;
          reject(error instanceof RangeError ? new DomainError('validation_failed', 'the value is nested too deeply to be checked', { limit: 'depth' }) : error);
        }
      });
    },
    end: (reason) => end(reason),
  };
  return slot;
}
