import type { ClientSession } from 'mongoose';
import type { AttachmentRecord, AttachmentRepository, AuditEventRecord, AuditRepository } from '../port.ts';
import { incrementCounter } from './certificate-models.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type AttachmentDoc = Omit<AttachmentRecord, 'id'> & { _id: string; seq: number };
type AuditDoc = Omit<AuditEventRecord, 'seq' | 'summary' | 'scope'> & { _id: number; summaryJson: string; scopeAll: boolean; scope: string[] };

function toAttachment(doc: AttachmentDoc): AttachmentRecord {
  const { _id, seq: _seq, ...rest } = doc;
  return { id: _id, ...rest };
}

function toEvent(doc: AuditDoc): AuditEventRecord {
  return {
    seq: doc._id, at: doc.at, actorId: doc.actorId, orgId: doc.orgId, action: doc.action, subject: doc.subject,
    summary: JSON.parse(doc.summaryJson), requestId: doc.requestId ?? null, scope: doc.scopeAll ? null : ([...doc.scope] as AuditEventRecord['scope']),
    prevHash: doc.prevHash, hash: doc.hash,
  };
}

/** Attachment metadata in MongoDB (the bytes are in GridFS). */
export function createAttachmentRepository({ Attachment, Counter }: Models, session: ClientSession | null): AttachmentRepository {
  const options = sessionOptions(session);
  return {
    async get(submissionId, id) {
      const doc = await Attachment.findOne({ _id: id, submissionId }, null, options).lean<AttachmentDoc>();
      return doc ? toAttachment(doc) : null;
    },
    async list(submissionId) {
      return (await Attachment.find({ submissionId }, null, options).sort({ seq: 1 }).lean<AttachmentDoc[]>()).map(toAttachment);
    },
    async insert(attachment) {
      const { id, ...rest } = attachment;
      const seq = await incrementCounter(Counter, 'attachments', session);
      await translateDuplicate(`attachment ${id}`, () => Attachment.create([{ _id: id, seq, ...rest }], options));
    },
  };
}

/** The hash-chained audit trail in MongoDB: the seq is the _id, so two appends of one seq conflict. */
export function createAuditRepository({ AuditEvent }: Models, session: ClientSession | null): AuditRepository {
  const options = sessionOptions(session);
  return {
    async last() {
      const doc = await AuditEvent.findOne({}, null, options).sort({ _id: -1 }).lean<AuditDoc>();
      return doc ? toEvent(doc) : null;
    },
    async list(query) {
      const filter: Record<string, unknown> = { _id: { $gt: query.afterSeq ?? 0 } };
      if (query.subject !== undefined) filter.subject = query.subject;
      if (query.jurisdiction !== undefined) filter.$or = [{ scopeAll: true }, { scope: query.jurisdiction }];
      return (await AuditEvent.find(filter, null, options).sort({ _id: 1 }).limit(query.limit).lean<AuditDoc[]>()).map(toEvent);
    },
    async append(event) {
      const { seq, summary, scope, ...rest } = event;
      const doc = { _id: seq, summaryJson: JSON.stringify(summary), scopeAll: scope === null, scope: scope ?? [], ...rest };
      await translateDuplicate(`audit event ${seq}`, () => AuditEvent.create([doc], options));
    },
  };
}
