import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the request path (issue 13, goal 2).
 *
 * With SQLite's default `wal_autocheckpoint` (1,000 pages) the COMMIT that crosses the threshold copies the
 * whole WAL into the database file and fsyncs it, on the event loop, inside that request: the profile of
 * `POST /submissions` showed better-sqlite3 `exec` at 29 % of self time and p99 of 0.7–2.2 s. Instead:
 * - the writer connection raises `wal_autocheckpoint` to `walBackstopPages`, a backstop only reached when
 *   this checkpointer cannot keep up or has stopped, so the WAL stays bounded whatever happens;
 * - a worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every `everyMs`. PASSIVE
 *   never waits for, nor blocks, readers or the writer (https://sqlite.org/c3ref/wal_checkpoint_v2.html);
 * - `journal_size_limit` truncates the WAL file when SQLite restarts it after a complete checkpoint, so the
 *   file on disk stays bounded too (https://sqlite.org/pragma.html#pragma_journal_size_limit).
 * Durability is unchanged: every COMMIT still fsyncs the WAL (synchronous=FULL); a checkpoint only moves
 * already-durable frames into the main file.
 */
export const walBackstopPages = 10_000;
/** The size the WAL file is truncated back to after a restart (bytes). */
export const walSizeLimitBytes = 16 * 1024 * 1024;

// Plain CommonJS so the worker needs no TypeScript loader (as in integrity-check.ts); the driver path is resolved by the parent.
// Errors (a full disk, a file being replaced, the store closing) are left for the next tick: a failed
// checkpoint loses nothing, the frames stay in the WAL.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
function checkpoint() {
  const at = Date.now();
  try {
    if (!db) {
      db = new Database(workerData.path, { fileMustExist: true });
      db.pragma('busy_timeout = 0');
      db.pragma('wal_autocheckpoint = 0');
      db.pragma('journal_size_limit = ' + workerData.sizeLimit);
    }
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, at, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    try { db?.close(); } catch {}
    db = null;
    parentPort.postMessage({ ok: false, at, code: String(error.code ?? 'ERROR') });
  }
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    try { db?.close(); } catch {}
    parentPort.close();
  }
});`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** One background checkpoint's outcome (`at`: when it started, epoch ms): frames in the WAL and frames now in the database file, or the error code. */
export type CheckpointResult = { at: number } & ({ ok: true; busy: number; log: number; checkpointed: number } | { ok: false; code: string });

export interface WalCheckpointer {
  /** Stops the worker (its connection closed first); resolves when it has ended. */
  stop(): Promise<void>;
}

/** Starts the background checkpointer of the database at `path` (see above); `onResult` hears each run (tests, logs). */
export function startWalCheckpointer(path: string, everyMs: number, onResult?: (result: CheckpointResult) => void): WalCheckpointer {
  const worker = new Worker(workerSource, { eval: true, workerData: { path, driver, everyMs, sizeLimit: walSizeLimitBytes }, resourceLimits: { maxOldGenerationSizeMb: 32 } });
  worker.unref();
  worker.on('message', (result: CheckpointResult) => onResult?.(result));
  // A worker that dies leaves the writer's backstop autocheckpoint in place; it must never take the server down.
  worker.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await ended;
      clearTimeout(timer);
    },
  };
}
