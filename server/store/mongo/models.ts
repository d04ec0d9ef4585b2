import type { ClientSession, Connection } from 'mongoose';
import { createCertificateModels } from './certificate-models.ts';
import { apiTokenSchema, organisationSchema, signInFailureSchema, standardSchema, userSchema, webSessionSchema } from './schemas.ts';
import { createSubmissionModels } from './submission-models.ts';
import { createCheckpointModels } from './checkpoints.ts';
import { createStatusListModels } from './status-lists.ts';
import { createImpactModels } from './impact.ts';
import { createStandardApprovalModels } from './standard-approvals.ts';

/** The store's models, bound to its own connection. */
export function createModels(connection: Connection) {
  return {
    Organisation: connection.model('Organisation', organisationSchema),
    User: connection.model('User', userSchema),
    ApiToken: connection.model('ApiToken', apiTokenSchema),
    Standard: connection.model('Standard', standardSchema),
    WebSession: connection.model('WebSession', webSessionSchema),
    SignInFailure: connection.model('SignInFailure', signInFailureSchema),
    ...createCertificateModels(connection),
    ...createSubmissionModels(connection),
    ...createCheckpointModels(connection),
    ...createStatusListModels(connection),
    ...createImpactModels(connection),
    ...createStandardApprovalModels(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Options every query and write passes: the transaction's session, or none for plain reads. */
export function sessionOptions(session: ClientSession | null) {
  return session ? { session } : {};
}
