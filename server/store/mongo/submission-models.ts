import type { Connection } from 'mongoose';
import { attachmentSchema, auditEventSchema, decisionSchema, revisionSchema, submissionSchema } from './submission-schemas.ts';

/** The submission collections' models, bound to the store's connection (spread into createModels). */
export function createSubmissionModels(connection: Connection) {
  return {
    Submission: connection.model('Submission', submissionSchema),
    SubmissionRevision: connection.model('SubmissionRevision', revisionSchema),
    SubmissionDecision: connection.model('SubmissionDecision', decisionSchema),
    Attachment: connection.model('Attachment', attachmentSchema),
    AuditEvent: connection.model('AuditEvent', auditEventSchema),
  };
}
