import { randomUUID } from 'node:crypto';
import type { AttachmentKind, AttachmentRecord, Store } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAudit } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { submissionEventScope } from '../policies/index.ts';
import { loadSubmissionFor } from '../submissions/access.ts';
import { submissionSubject, type ActingUser } from '../submissions/submission-context.ts';
import { assertVendorMay } from '../submissions/workflow.ts';
import { attachmentMediaTypes, detectAttachmentFormat } from './detect-type.ts';
import { sanitizeFileName } from './file-name.ts';

/** An uploaded file as the HTTP edge hands it over. */
export interface AttachmentUpload {
  kind: AttachmentKind;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Attaches a file to a submission the vendor owns, while it is in draft or changes_requested. The type is
 * detected from the content; the bytes are stored content-addressed first (an unreferenced blob is all a
 * failed transaction can leave), then the metadata and the audit event commit together.
 */
export async function uploadAttachment(store: Store, acting: ActingUser, submissionId: string, upload: AttachmentUpload): Promise<AttachmentRecord> {
  const { actor } = acting;
  assertVendorMay(await loadSubmissionFor(store.submissions, actor, 'submission.attach', submissionId), 'attach');
  const format = await detectAttachmentFormat(upload.bytes);
  const { sha256, size } = await store.files.put(upload.bytes);
  return store.transaction(async (tx) => {
    const submission = await loadSubmissionFor(tx.submissions, actor, 'submission.attach', submissionId);
    assertVendorMay(submission, 'attach');
    const attachment: AttachmentRecord = {
      id: randomUUID(), submissionId, revision: submission.revision, kind: upload.kind,
      fileName: sanitizeFileName(upload.fileName, `${upload.kind}.${format}`), mediaType: attachmentMediaTypes[format],
      size, sha256, uploadedBy: actor.userId, createdAt: new Date().toISOString(),
    };
    await tx.attachments.insert(attachment);
    await appendAudit(tx, acting, {
      action: 'attachment.upload',
      subject: submissionSubject(submissionId),
      summary: { attachmentId: attachment.id, kind: attachment.kind, fileName: attachment.fileName, mediaType: attachment.mediaType, size, sha256, revision: submission.revision },
      scope: submissionEventScope(submission),
    });
    return attachment;
  });
}

/** An attachment of a submission the actor may see, with its bytes. */
export async function readAttachment(store: Store, actor: Actor, submissionId: string, attachmentId: string): Promise<{ attachment: AttachmentRecord; bytes: Uint8Array }> {
  await loadSubmissionFor(store.submissions, actor, 'submission.read', submissionId);
  const attachment = await store.attachments.get(submissionId, attachmentId);
  if (!attachment) throw new DomainError('not_found', `submission ${submissionId} has no attachment ${attachmentId}`);
  const bytes = await store.files.get(attachment.sha256);
  if (!bytes) throw new DomainError('unavailable', `the file of attachment ${attachmentId} is missing from the file area`);
  return { attachment, bytes };
}
