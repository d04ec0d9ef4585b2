import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** The verdict of SQLite's `quick_check`: ok, or the first problem it names; `ms` is what it cost. */
export interface IntegrityVerdict {
  ok: boolean;
  detail: string;
  ms: number;
  /** Set when the check itself could not run (the file cannot be opened, or it ran out of time). */
  error?: { code: string; message: string };
}

/**
 * Runs `PRAGMA quick_check(1)` on `db` now: the page structure of every b-tree, stopping at the first
 * problem (it does not compare indexes with their tables, which `integrity_check` does at far greater cost).
 */
export function quickCheckNow(db: Database): IntegrityVerdict {
  const started = performance.now();
  const rows = db.pragma('quick_check(1)', { simple: false }) as { quick_check: string }[];
  const detail = rows.map((row) => row.quick_check).join('; ');
  return { ok: detail === 'ok', detail, ms: performance.now() - started };
}

// Plain CommonJS so the worker needs no TypeScript loader; the driver path is resolved by the parent.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const started = performance.now();
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 2000');
  const detail = db.pragma('quick_check(1)', { simple: false }).map((row) => row.quick_check).join('; ');
  parentPort.postMessage({ ok: detail === 'ok', detail, ms: performance.now() - started });
} catch (error) {
  parentPort.postMessage({ ok: false, detail: String(error.message), ms: performance.now() - started, error: { code: String(error.code ?? 'ERROR'), message: String(error.message) } });
} finally {
  db?.close();
}`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Runs `quick_check(1)` on its own read-only connection in a worker thread, so a large file never blocks
 * the event loop; after `timeoutMs` the worker is terminated and the verdict carries error code TIMEOUT.
 */
export function quickCheckInWorker(path: string, timeoutMs: number): Promise<IntegrityVerdict> {
  return new Promise((resolve) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { path, driver } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, detail: `quick_check did not finish within ${timeoutMs} ms`, ms: timeoutMs, error: { code: 'TIMEOUT', message: 'timed out' } });
    }, timeoutMs);
    worker.once('message', (verdict: IntegrityVerdict) => {
      clearTimeout(timer);
      resolve(verdict);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: error.message, ms: 0, error: { code: 'WORKER', message: error.message } });
    });
  });
}
