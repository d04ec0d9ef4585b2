import { readAttachment, uploadAttachment } from '../../domain/attachments/upload.ts';
import { DomainError } from '../../domain/errors.ts';
import { importBatch, type BatchDefaults } from '../../domain/submissions/batch/batch-import.ts';
import type { NewSubmission } from '../../domain/submissions/create.ts';
import type { SubmissionContext } from '../../domain/submissions/submission-context.ts';
import { validateInput } from '../../input-schemas.ts';
import type { AttachmentKind, Jurisdiction } from '../../store/port.ts';
import { actingOf } from '../acting.ts';
import { sendAttachment } from '../attachment-download.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { presentAttachment } from '../presenters/submission.ts';
import type { RouteDef } from './route.ts';
import type { Request } from 'express';

/** The uploaded file of a multipart request in `field`; 415 when the request is not multipart at all. */
function uploadedFile(req: Request, field: string): Express.Multer.File {
  if (!req.is('multipart/form-data')) throw new DomainError('unsupported_media_type', `the body must be multipart/form-data with the file in field "${field}"`);
  if (!req.file || req.file.fieldname !== field) throw new DomainError('validation_failed', `the multipart body needs a file in field "${field}"`);
  return req.file;
}

/** Attachments (upload, download) and batch import of submissions from a spreadsheet or JSON-lines file. */
export function submissionFileRoutes(app: AppContext, ctx: SubmissionContext): RouteDef[] {
  const maxBytes = app.config.limits.uploadBytes;
  return [
    {
      method: 'post', path: '/submissions/batch', tag: 'Submissions', policy: 'submission.import', upload: { field: 'file', maxBytes },
      summary: 'Create one draft submission per row of a CSV, XLSX or JSON-lines file (field "standard"; per-row results)',
      success: { status: 200, description: 'The outcome of every row' },
      handler: async function importSubmissionBatch(req, res) {
        const file = uploadedFile(req, 'file');
        const form = validateInput<{ standard: string; version?: string; jurisdictions?: string }>('urn:irru:api:batch-form', { ...req.body });
        const defaults: BatchDefaults = { standard: form.standard, version: form.version, jurisdictions: form.jurisdictions?.split(/[ ,;]+/) as Jurisdiction[] | undefined };
        const validate = (value: unknown) => validateInput<NewSubmission>('urn:irru:api:new-submission', value);
        res.json(await importBatch(ctx, actingOf(req, res), defaults, file.buffer, validate));
      },
    },
    {
      method: 'post', path: '/submissions/{id}/attachments', tag: 'Attachments', policy: 'submission.attach', upload: { field: 'file', maxBytes },
      summary: 'Attach a PDF, PNG, JPEG, JSON, CSV or XLSX file (type judged by content; field "kind")',
      success: { status: 201, description: 'The stored attachment' },
      handler: async function attachFileToSubmission(req, res) {
        const file = uploadedFile(req, 'file');
        const { kind } = validateInput<{ kind: AttachmentKind }>('urn:irru:api:attachment-form', { ...req.body });
        const attachment = await uploadAttachment(app.store, actingOf(req, res), String(req.params.id), { kind, fileName: file.originalname, bytes: file.buffer });
        res.status(201).location(presentAttachment(attachment).href).json(presentAttachment(attachment));
      },
    },
    {
      method: 'get', path: '/submissions/{id}/attachments/{attachmentId}', tag: 'Attachments', policy: 'submission.read',
      summary: 'Download an attachment', success: { status: 200, description: 'The file', contentType: 'application/octet-stream' },
      handler: async function downloadAttachment(req, res) {
        const { attachment, bytes } = await readAttachment(app.store, actorOf(res), String(req.params.id), String(req.params.attachmentId));
        sendAttachment(res, attachment, bytes);
      },
    },
  ];
}
