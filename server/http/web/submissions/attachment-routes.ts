import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { readAttachment, uploadAttachment } from '../../../domain/attachments/upload.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { getSubmission } from '../../../domain/submissions/queries.ts';
import type { AttachmentKind } from '../../../store/port.ts';
import { actingOf } from '../../acting.ts';
import { sendAttachment } from '../../attachment-download.ts';
import type { AppContext } from '../../context.ts';
import { uploadPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { requireSignedIn } from '../session.ts';
import { attachmentKinds, renderSubmissionPage } from './submission-page.ts';
import { pageUpload, uploadedFile, uploadErrorOf } from './uploads.ts';

/** What the attachment domain's refusal means next to the file field, in `lang`; other errors go on to the error page. */
function fileErrorOf(error: unknown, lang: Language): string {
  if (isDomainError(error, 'unsupported_media_type')) return t(lang, 'vendor.error.fileType');
  if (isDomainError(error, 'validation_failed')) return t(lang, 'vendor.error.emptyFile');
  if (isDomainError(error, 'payload_too_large')) return t(lang, 'vendor.error.uploadFailed');
  if (isDomainError(error, 'invalid_state')) return t(lang, 'vendor.error.invalidState');
  throw error;
}

/** Attachments of a submission from its page: upload (type judged by content, in the attachment domain) and download. */
export function attachmentRoutes(ctx: AppContext): Router {
  const maxBytes = ctx.config.limits.uploadBytes;
  const router = Router();

  uploadPost(router, '/submissions/:id/attachments', pageUpload('file', maxBytes), async function attachFile(req: Request, res: Response) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.attach');
    const { submission } = await getSubmission(ctx.store, actor, String(req.params.id));
    const kind = (req.body as Record<string, unknown>).kind;
    const errors: Record<string, string> = {};
    if (!attachmentKinds.includes(kind as AttachmentKind)) errors.kind = t(lang, 'vendor.form.error.option');
    const file = uploadedFile(req, 'file');
    const uploadError = uploadErrorOf(res, lang, maxBytes) ?? (file ? null : t(lang, 'vendor.error.noFile'));
    if (uploadError) errors.file = uploadError;
    const shown = { attachmentErrors: errors, attachmentKind: typeof kind === 'string' ? kind : undefined };
    if (Object.keys(errors).length > 0 || !file) return renderSubmissionPage(ctx, req, res, submission.id, shown, 422);
    try {
      await uploadAttachment(ctx.store, actingOf(req, res), submission.id, { kind: kind as AttachmentKind, fileName: file.originalname, bytes: file.buffer });
      res.redirect(303, `/submissions/${encodeURIComponent(submission.id)}?done=attached#attachments`);
    } catch (error) {
      await renderSubmissionPage(ctx, req, res, submission.id, { ...shown, attachmentErrors: { file: fileErrorOf(error, lang) } }, 422);
    }
  });

  router.get('/submissions/:id/attachments/:attachmentId', requireSignedIn, async function downloadAttachmentFile(req, res) {
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.read');
    const { attachment, bytes } = await readAttachment(ctx.store, actor, String(req.params.id), String(req.params.attachmentId));
    sendAttachment(res, attachment, bytes);
  });
  return router;
}
