import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreTransaction } from '../port.ts';
import { createCertificateRepository } from './certificates.ts';
import { createCustomsDocumentRepository } from './customs-documents.ts';
import { createRegisterRepository } from './register.ts';
import { guardedRepository } from './guarded-repository.ts';
import { quickCheckNow, type IntegrityVerdict } from './integrity-check.ts';
import { migrate } from './migrate.ts';
import { backfillLogSubtrees } from './log-subtrees.ts';
import { createSigningKeyRepository } from './signing-keys.ts';
import { storageUnavailable } from './sqlite-errors.ts';
import { createStoreHealth, probeDataDir, probeDataDirSync, type ConditionListener } from './store-health.ts';
import { createStoreReadiness } from './store-readiness.ts';
import { createTransparencyLogRepository } from './transparency-log.ts';
import { createOrganisationRepository } from './organisations.ts';
import { createStandardRepository } from './standards.ts';
import { createSerialQueue, runGroupTransaction, type GroupedJob } from './transaction-queue.ts';
import { createUserRepository } from './users.ts';
import { createWebSessionRepository } from './web-sessions.ts';
import { createAttachmentRepository } from './attachments.ts';
import { createAuditRepository } from './audit.ts';
import { createFileArea } from './file-area.ts';
import { createSubmissionRepository } from './submissions.ts';
import { startWalCheckpointer, walBackstopPages, walSizeLimitBytes, type CheckpointResult } from './wal-checkpointer.ts';
import { createCheckpointRepository, createWitnessKeyRepository } from './checkpoints.ts';
import { createStatusListRepository } from './status-lists.ts';
import { createImpactRepository, createTransitionRepository } from './impact.ts';
import { createStandardApprovalRepository } from './standard-approvals.ts';

export type { StoreCondition } from './store-health.ts';

/** File name of the embedded database inside the data directory. */
export const databaseFileName = 'registry.sqlite';

/** How the embedded store reports and checks its health. */
export interface SqliteStoreOptions {
  /** Hears each change of the store's condition (damaged, unwritable, ok again): the place for the log line. */
  onCondition?: ConditionListener;
  /** How long /readyz reuses a sound verdict before checking again (ms; default 3000, 1000 while faulted). */
  checkEveryMs?: number;
  /** The most one readiness `quick_check` may take before it is abandoned (ms; default 2000). */
  checkTimeoutMs?: number;
  /** How often the background WAL checkpoint runs (ms; default 1000; see wal-checkpointer.ts). */
  checkpointEveryMs?: number;
  /** Hears each background checkpoint's outcome. */
  onCheckpoint?: (result: CheckpointResult) => void;
}

function repositories(db: Database.Database): StoreTransaction {
  return {
    organisations: createOrganisationRepository(db),
    users: createUserRepository(db),
    standards: createStandardRepository(db),
    certificates: createCertificateRepository(db),
    signingKeys: createSigningKeyRepository(db),
    transparencyLog: createTransparencyLogRepository(db),
    customsDocuments: createCustomsDocumentRepository(db),
    register: createRegisterRepository(db),
    submissions: createSubmissionRepository(db),
    attachments: createAttachmentRepository(db),
    audit: createAuditRepository(db),
    webSessions: createWebSessionRepository(db),
    witnessKeys: createWitnessKeyRepository(db),
    checkpoints: createCheckpointRepository(db),
    statusLists: createStatusListRepository(db),
    impact: createImpactRepository(db),
    transitions: createTransitionRepository(db),
    standardApprovals: createStandardApprovalRepository(db),
  };
}

interface Connections {
  writer: Database.Database;
  reader: Database.Database;
  write: StoreTransaction;
  read: StoreTransaction;
}

/** Opens both connections; a file that fails `quick_check` is opened for reading but not migrated. */
function openConnections(path: string): { connections: Connections; verdict: IntegrityVerdict } {
  const writer = new Database(path);
  let reader: Database.Database | undefined;
  try {
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    // Checkpoints run in the background (wal-checkpointer.ts); the writer's own autocheckpoint is only a backstop.
    writer.pragma(`wal_autocheckpoint = ${walBackstopPages}`);
    writer.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
    const verdict = quickCheckNow(writer);
    if (verdict.ok) {
      migrate(writer);
      backfillLogSubtrees(writer);
    }
    reader = new Database(path, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    return { connections: { writer, reader, write: repositories(writer), read: repositories(reader) }, verdict };
  } catch (error) {
    reader?.close();
    writer.close();
    throw error;
  }
}

function closeConnections(connections: Connections | null): void {
  connections?.reader.close();
  connections?.writer.close();
}

// A connection SQLite opened read-only (or could not open) stays so until it is opened again.
const reconnectCauses = /READONLY|CANTOPEN|EROFS|EACCES|EPERM/;

/**
 * Opens (creating and migrating when needed) the embedded store in `dataDir`: WAL journal, foreign keys
 * on, synchronous=FULL. Writes run on one connection through a transaction queue, committed in groups (runGroupTransaction); reads use a second,
 * read-only connection, so they see only committed data and never wait for a writer.
 * Start-up runs `quick_check` and probes the data directory; a damaged file is served for reading only,
 * and a full, read-only or unopenable store answers 503 storage_unavailable until the cause goes
 * (see `ping`, which /readyz calls), without ever acknowledging a write that did not reach the disk.
 */
export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, databaseFileName);
  const health = createStoreHealth(options.onCondition);
  const serially = createSerialQueue();
  const files = createFileArea(dataDir);
  let current: Connections | null = null;

  /** (Re)opens the connections; true when the file passed its check. Storage faults are recorded, not thrown. */
  function connect(): boolean {
    closeConnections(current);
    current = null;
    try {
      const opened = openConnections(path);
      current = opened.connections;
      if (!opened.verdict.ok) health.fault({ kind: 'damaged', cause: `quick_check: ${opened.verdict.detail}` });
      return opened.verdict.ok;
    } catch (error) {
      if (health.translate(error) === error) throw error;
      return false;
    }
  }
  const connected = (): Connections => {
    if (current) return current;
    const { condition } = health;
    throw storageUnavailable(condition.state === 'ok' ? { kind: 'unwritable', cause: 'not open' } : { kind: condition.state, cause: condition.cause });
  };
  const translate = (error: unknown) => health.translate(error);

  connect();
  const checkpointer = startWalCheckpointer(path, options.checkpointEveryMs ?? 1000, options.onCheckpoint);
  const startProbe = probeDataDirSync(dataDir);
  if (startProbe) health.fault(startProbe);

  /** The store's condition allows a write (probing the disk again while faulted) and the connections are open. */
  async function readyToWrite(): Promise<void> {
    health.assertWritable();
    if (health.condition.state === 'unwritable') {
      // SQLite may still fit a commit into its write-ahead log on a full disk; while faulted, refuse until a probe passes.
      const probe = await probeDataDir(dataDir);
      if (probe) {
        health.fault(probe);
        health.assertReady();
      }
    }
    const { condition } = health;
    if (!current || (condition.state === 'unwritable' && reconnectCauses.test(condition.cause))) connect();
  }

  // Transactions waiting for the writer; each queued one also queues a writeGroup, which takes every job
  // still waiting (up to maxGroupJobs) into one group commit (see runGroupTransaction).
  const maxGroupJobs = 64;
  const pending: { work: (tx: StoreTransaction) => Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void }[] = [];

  async function writeGroup(): Promise<void> {
    if (pending.length === 0) return;
    try {
      await readyToWrite();
    } catch (error) {
      // Refused before anything ran: every waiting job gets the refusal, as each would have alone.
      for (const job of pending.splice(0)) job.reject(error);
      return;
    }
    const { writer, write: repos } = connected();
    let committed = 0;
    const take = (): GroupedJob | undefined => {
      const job = pending.shift();
      return job && { work: () => job.work(repos), resolve: (value) => { committed++; job.resolve(value); }, reject: job.reject };
    };
    try {
      await runGroupTransaction(writer, take, maxGroupJobs, translate);
    } catch (error) {
      // BEGIN failed: the first waiting job hears why; the others try again in their own turn.
      pending.shift()?.reject(error);
    }
    if (committed > 0 && health.condition.state === 'unwritable') health.recovered();
  }

  function transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      void serially(writeGroup);
    });
  }

  const readiness = createStoreReadiness({
    path, dataDir, health, everyMs: options.checkEveryMs ?? 3000, timeoutMs: options.checkTimeoutMs ?? 2000,
    reconnect: () => serially(async () => connect()),
  });
  const read = Object.fromEntries(
    (Object.keys(repositoryNames) as (keyof StoreTransaction)[]).map((name) => [name, guardedRepository(() => connected().read[name], translate)]),
  ) as unknown as StoreTransaction;

  return {
    kind: 'sqlite',
    // Readers are the repositories typed as read-only: writes happen only inside `transaction`.
    ...read,
    files: guardedRepository(() => files, translate),
    transaction,
    async ping() {
      await readiness();
      try {
        connected().reader.prepare('SELECT 1').get();
      } catch (error) {
        throw translate(error);
      }
    },
    close: () => checkpointer.stop().then(() => serially(async () => closeConnections(current))).finally(() => (current = null)),
  };
}

const repositoryNames: Record<keyof StoreTransaction, true> = {
  organisations: true, users: true, standards: true, certificates: true, signingKeys: true,
  transparencyLog: true, customsDocuments: true, register: true, submissions: true, attachments: true, audit: true, webSessions: true,
  witnessKeys: true, checkpoints: true,
  statusLists: true,
  impact: true, transitions: true,
  standardApprovals: true,
};
