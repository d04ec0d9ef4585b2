import type { Database } from 'better-sqlite3';
import type { AttachmentRecord, AttachmentRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface AttachmentRow {
  id: string;
  submission_id: string;
  revision: number;
  kind: AttachmentRecord['kind'];
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

function toRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id, submissionId: row.submission_id, revision: row.revision, kind: row.kind, fileName: row.file_name,
    mediaType: row.media_type, size: row.size, sha256: row.sha256, uploadedBy: row.uploaded_by, createdAt: row.created_at,
  };
}

/** Attachment metadata in SQLite (the bytes are in the file area). */
export function createAttachmentRepository(db: Database): AttachmentRepository {
  const byId = db.prepare('SELECT * FROM attachments WHERE submission_id = ? AND id = ?');
  const bySubmission = db.prepare('SELECT * FROM attachments WHERE submission_id = ? ORDER BY seq');
  const insert = db.prepare(`INSERT INTO attachments (id, submission_id, revision, kind, file_name, media_type, size, sha256,
      uploaded_by, created_at)
    VALUES (@id, @submissionId, @revision, @kind, @fileName, @mediaType, @size, @sha256, @uploadedBy, @createdAt)`);
  return {
    async get(submissionId, id) {
      const row = byId.get(submissionId, id) as AttachmentRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list(submissionId) {
      return (bySubmission.all(submissionId) as AttachmentRow[]).map(toRecord);
    },
    async insert(attachment) {
      translateConstraint(`attachment ${attachment.id}`, () => insert.run(attachment));
    },
  };
}
