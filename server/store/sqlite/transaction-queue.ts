import type { Database } from 'better-sqlite3';

/**
 * Serialises async transactions on one better-sqlite3 connection. The port is async, so the work
 * inside a transaction may await; without the queue a second request's statements would land inside
 * the first one's open transaction. Each transaction starts only when the previous one has ended.
 */
export function createTransactionQueue(db: Database) {
  let tail: Promise<unknown> = Promise.resolve();

  return function runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
}
