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

/** One caller's transaction waiting for a group commit. */
export interface GroupedJob<T = unknown> {
  work: () => Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Group commit (issue 13, goal 2). With synchronous=FULL every COMMIT fsyncs the WAL on the event loop; the
 * profile of `POST /submissions` under load had better-sqlite3 `exec` (COMMIT) at 35 % of self time once
 * checkpoints had moved to the background. Transactions that queue up while one runs are committed
 * together: BEGIN IMMEDIATE, each job inside its own SAVEPOINT (a job that throws is rolled back to its
 * savepoint and rejected alone, exactly as if it had run by itself), then one COMMIT — one fsync for all.
 * Durability is unchanged: no job is resolved before the COMMIT that holds it has returned, and when COMMIT
 * fails (or SQLite rolls the whole transaction back under a job, as on a full disk) every job of the group
 * that had succeeded is rejected with that error, so nothing is acknowledged that is not on disk.
 * `take` hands out the next waiting job; a group takes at most `maxJobs`, so the first job waits boundedly, and
 * yields to the event loop once before its COMMIT so that transactions queued meanwhile can join.
 */
export async function runGroupTransaction(db: Database, take: () => GroupedJob | undefined, maxJobs: number, translate: (error: unknown) => unknown): Promise<void> {
  const done: { job: GroupedJob; result: unknown }[] = [];
  const failAll = (error: unknown) => {
    for (const { job } of done) job.reject(error);
    done.length = 0;
  };
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    // Nothing ran: the jobs still waiting are the caller's to reject.
    throw translate(error);
  }
  let count = 0;
  let yielded = false;
  const next = async (): Promise<GroupedJob | undefined> => {
    if (count >= maxJobs) return undefined;
    const waiting = take();
    if (waiting || yielded) return waiting;
    // Before committing, let the event loop run once: requests whose checks have just finished queue their
    // transactions now and share this COMMIT's fsync instead of waiting for one each.
    yielded = true;
    await new Promise((resolve) => setImmediate(resolve));
    return take();
  };
  for (let job = await next(); job; job = await next()) {
    count++;
    try {
      db.exec('SAVEPOINT grouped_job');
      const result = await job.work();
      db.exec('RELEASE grouped_job');
      done.push({ job, result });
    } catch (error) {
      if (db.inTransaction) {
        try {
          db.exec('ROLLBACK TO grouped_job');
          db.exec('RELEASE grouped_job');
        } catch (rollbackError) {
          // The savepoint cannot be undone: the whole group goes, and nobody is told it succeeded.
          job.reject(translate(error));
          failAll(translate(rollbackError));
          try { if (db.inTransaction) db.exec('ROLLBACK'); } catch { /* SQLite rolls back by itself when it cannot */ }
          return;
        }
        job.reject(translate(error));
      } else {
        // SQLite rolled the whole transaction back (a full disk, an I/O error): the group's earlier work is gone too.
        job.reject(translate(error));
        failAll(translate(error));
        return;
      }
    }
  }
  try {
    db.exec('COMMIT');
  } catch (error) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); } catch { /* the commit's error is the one that matters */ }
    failAll(translate(error));
    return;
  }
  for (const { job, result } of done) job.resolve(result);
}
