import mongoose, { type ClientSession } from 'mongoose';
import type { Store, StoreTransaction } from '../port.ts';
import { createCertificateRepository, createCustomsDocumentRepository, createSigningKeyRepository, createTransparencyLogRepository } from './certificate-repositories.ts';
import { createAttachmentRepository, createAuditRepository } from './attachments-audit.ts';
import { createGridFsFileArea } from './gridfs-files.ts';
import { createModels, type Models } from './models.ts';
import { backfillLogSubtrees } from './log-subtrees.ts';
import { createSubmissionRepository } from './submissions.ts';
import { createOrganisationRepository } from './organisations.ts';
import { createRegisterRepository } from './register.ts';
import { createStandardRepository } from './standards.ts';
import { createUserRepository } from './users.ts';
import { createWebSessionRepository } from './web-sessions.ts';
import { createCheckpointRepository, createWitnessKeyRepository } from './checkpoints.ts';
import { createStatusListRepository } from './status-lists.ts';
import { createImpactRepository, createTransitionRepository } from './impact.ts';
import { createStandardApprovalRepository } from './standard-approvals.ts';

function repositories(models: Models, session: ClientSession | null): StoreTransaction {
  return {
    organisations: createOrganisationRepository(models, session),
    users: createUserRepository(models, session),
    standards: createStandardRepository(models, session),
    certificates: createCertificateRepository(models, session),
    signingKeys: createSigningKeyRepository(models, session),
    transparencyLog: createTransparencyLogRepository(models, session),
    customsDocuments: createCustomsDocumentRepository(models, session),
    register: createRegisterRepository(models, session),
    submissions: createSubmissionRepository(models, session),
    attachments: createAttachmentRepository(models, session),
    audit: createAuditRepository(models, session),
    webSessions: createWebSessionRepository(models, session),
    witnessKeys: createWitnessKeyRepository(models, session),
    checkpoints: createCheckpointRepository(models, session),
    statusLists: createStatusListRepository(models, session),
    impact: createImpactRepository(models, session),
    transitions: createTransitionRepository(models, session),
    standardApprovals: createStandardApprovalRepository(models, session),
  };
}

/**
 * Opens the MongoDB store (a replica set is required: transactions need one). Transactions use
 * `session.withTransaction`, which retries on transient write conflicts, so concurrent transactions
 * are isolated by MongoDB itself rather than queued. Reads outside a transaction see committed data.
 */
export async function openMongoStore(uri: string): Promise<Store> {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const models = createModels(connection);
  await Promise.all(Object.values(models).map((model) => model.syncIndexes()));
  await backfillLogSubtrees(models);
  const readRepos = repositories(models, null);
  return {
    kind: 'mongo',
    // Readers are the repositories typed as read-only: writes happen only inside `transaction`.
    ...readRepos,
    files: createGridFsFileArea(connection),
    async transaction(work) {
      const session = await connection.startSession();
      try {
        return await session.withTransaction(() => work(repositories(models, session)), {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority' },
        });
      } finally {
        await session.endSession();
      }
    },
    async ping() {
      await connection.db!.admin().ping();
    },
    async close() {
      await connection.close();
    },
  };
}
