import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreTransaction } from '../port.ts';
import { createCertificateRepository } from './certificates.ts';
import { createCustomsDocumentRepository } from './customs-documents.ts';
import { migrate } from './migrate.ts';
import { createSigningKeyRepository } from './signing-keys.ts';
import { createTransparencyLogRepository } from './transparency-log.ts';
import { createOrganisationRepository } from './organisations.ts';
import { createStandardRepository } from './standards.ts';
import { createTransactionQueue } from './transaction-queue.ts';
import { createUserRepository } from './users.ts';
import { createAttachmentRepository } from './attachments.ts';
import { createAuditRepository } from './audit.ts';
import { createFileArea } from './file-area.ts';
import { createSubmissionRepository } from './submissions.ts';

/** File name of the embedded database inside the data directory. */
export const databaseFileName = 'registry.sqlite';

function repositories(db: Database.Database): StoreTransaction {
  return {
    organisations: createOrganisationRepository(db),
    users: createUserRepository(db),
    standards: createStandardRepository(db),
    certificates: createCertificateRepository(db),
    signingKeys: createSigningKeyRepository(db),
    transparencyLog: createTransparencyLogRepository(db),
    customsDocuments: createCustomsDocumentRepository(db),
    submissions: createSubmissionRepository(db),
    attachments: createAttachmentRepository(db),
    audit: createAuditRepository(db),
  };
}

/**
 * Opens (creating and migrating when needed) the embedded store in `dataDir`: WAL journal, foreign keys
 * on, synchronous=FULL. Writes run on one connection through a transaction queue; reads use a second,
 * read-only connection, so they see only committed data and never wait for a writer.
 */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, databaseFileName);
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  migrate(writer);
  const reader = new Database(path, { readonly: true });
  reader.pragma('busy_timeout = 5000');

  const writeRepos = repositories(writer);
  const readRepos = repositories(reader);
  const runInTransaction = createTransactionQueue(writer);

  return {
    kind: 'sqlite',
    // Readers are the repositories typed as read-only: writes happen only inside `transaction`.
    ...readRepos,
    files: createFileArea(dataDir),
    transaction: (work) => runInTransaction(() => work(writeRepos)),
    async ping() {
      reader.prepare('SELECT 1').get();
    },
    async close() {
      reader.close();
      writer.close();
    },
  };
}
