import type { Database } from 'better-sqlite3';

/**
 * Runs jobs one after another, each starting only when the previous one has settled (whatever its outcome).
 * The port is async, so work inside a transaction may await; without the queue a second request's
 * statements would land inside the first one's open transaction, or a reconnect would close a connection
 * under a running transaction.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serially<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Runs `work` between BEGIN IMMEDIATE and COMMIT on `db`, rolling back when it throws. When COMMIT itself
 * fails (a full disk, an I/O error) the transaction is rolled back too and the commit's error is thrown:
 * nothing is acknowledged that is not on disk.
 */
export async function runTransaction<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // SQLite rolls back by itself when it cannot; the first error is the one that matters
    }
    throw error;
  }
}

/** Serialises async transactions on one better-sqlite3 connection (see `createSerialQueue`). */
export function createTransactionQueue(db: Database) {
  const serially = createSerialQueue();
  return function runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    return serially(() => runTransaction(db, work));
  };
}
