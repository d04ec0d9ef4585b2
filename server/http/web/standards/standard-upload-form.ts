import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { DomainError, isDomainError, type ErrorCode } from '../../../domain/errors.ts';
import type { StandardDocument } from '../../../domain/standards/standard-document.ts';
import { assertWellFormedText } from '../../../domain/text/well-formed.ts';
import { validateInput } from '../../../input-schemas.ts';
import { singleFileUpload } from '../../middleware/upload.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** What went wrong with an upload, as the form shows it: a message in the user's language, the English detail, and each problem. */
export interface UploadFailure {
  field: 'file' | 'document' | null;
  message: string;
  detail: string | null;
  problems: Array<{ path: string; message: string }>;
  status: number;
}

/** The errors of an upload the form explains (anything else is the error page's). */
const explained: Partial<Record<ErrorCode, number>> = {
  validation_failed: 422, invalid_schema: 422, payload_too_large: 413, conflict: 409, forbidden: 403, check_too_expensive: 422, unavailable: 503,
};

/**
 * The upload form's multipart parser: one JSON file (`file`, at most `maxBytes`) and the pasted document
 * (`document`, a text field of the same size). Its refusals (too large, malformed) do not end the request:
 * they are kept in `res.locals.uploadRefusal` for the form to show next to the field, after the usual
 * session and CSRF checks (the form sends `_csrf` first, so it is parsed whatever comes after).
 */
export function standardUploadParser(maxBytes: number): RequestHandler {
  const parse = singleFileUpload('file', maxBytes, maxBytes);
  return function parseStandardUpload(req, res, next) {
    parse(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError || isDomainError(error)) {
        res.locals.uploadRefusal = error;
        req.body ??= {};
        return next();
      }
      next(error as Error | undefined);
    });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError('validation_failed', `not valid JSON: ${(error as Error).message}`, { notJson: true });
  }
}

/**
 * The standard document the form carries: the file when one was chosen, else the pasted text, parsed as
 * UTF-8 JSON, its text well-formed and its shape that of a standard document. Throws DomainError.
 */
export function uploadedDocument(req: Request, res: Response): { document: StandardDocument; from: 'file' | 'document' } {
  const refusal = res.locals.uploadRefusal as unknown;
  if (refusal) throw refusal;
  const field = (req.body as Record<string, unknown>).document;
  const pasted = typeof field === 'string' ? field.trim() : '';
  const file = req.file && req.file.size > 0 ? req.file : null;
  if (!file && !pasted) throw new DomainError('validation_failed', 'no document', { missing: true });
  const from = file ? 'file' : 'document';
  let text = pasted;
  if (file) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      throw new DomainError('validation_failed', `the file "${file.originalname}" is not UTF-8 text`, { notJson: true, from });
    }
  }
  try {
    const value = parseJson(text);
    assertWellFormedText(value);
    return { document: validateInput<StandardDocument>('urn:irru:api:standard-document', value), from };
  } catch (error) {
    if (isDomainError(error)) throw new DomainError(error.code, error.message, { ...error.details, from });
    throw error;
  }
}

/** How the form explains an upload's failure, or null when the error page should (a bug, a damaged store). */
export function uploadFailure(lang: Language, error: unknown, maxBytes: number): UploadFailure | null {
  const kib = Math.round(maxBytes / 1024);
  if (error instanceof multer.MulterError) {
    const tooLarge = error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE';
    return {
      field: error.field === 'document' ? 'document' : 'file',
      message: tooLarge ? t(lang, 'review.upload.fileTooLarge', { size: kib }) : t(lang, 'review.upload.notJson'),
      detail: error.message, problems: [], status: tooLarge ? 413 : 400,
    };
  }
  if (!isDomainError(error) || explained[error.code] === undefined) return null;
  const details = error.details as { missing?: boolean; notJson?: boolean; from?: 'file' | 'document'; errors?: Array<{ path?: unknown; message?: unknown }> };
  const field = details.from ?? null;
  if (details.missing) return { field: 'file', message: t(lang, 'review.upload.missing'), detail: null, problems: [], status: 422 };
  if (details.notJson) return { field, message: t(lang, 'review.upload.notJson'), detail: error.message, problems: [], status: 422 };
  const problems = Array.isArray(details.errors) ? details.errors.slice(0, 50).map((problem) => ({ path: String(problem.path ?? ''), message: String(problem.message ?? '') })) : [];
  return { field, message: t(lang, `review.upload.${error.code}`), detail: error.message, problems, status: explained[error.code]! };
}
