import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { isDomainError } from '../../../domain/errors.ts';
import { assertWellFormedText } from '../../../domain/text/well-formed.ts';
import { singleFileUpload } from '../../middleware/upload.ts';
import { formatNumber } from '../i18n/format.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/**
 * The registry's single-file upload (memory, size and field limits), for a page form: a refused upload
 * (too large, malformed) does not end the request, it is kept for the handler to show next to the file field.
 * The form puts its CSRF field first, so it is read before the file.
 */
export function pageUpload(field: string, maxBytes: number): RequestHandler {
  const upload = singleFileUpload(field, maxBytes);
  return function uploadFromPageForm(req, res, next) {
    upload(req, res, (error?: unknown) => {
      if (error) {
        res.locals.uploadError = error;
        req.body ??= {};
      }
      next();
    });
  };
}

/** The message for an upload refused by the middleware, or null when it was not refused. */
export function uploadErrorOf(res: Response, lang: Language, maxBytes: number): string | null {
  const error = res.locals.uploadError as unknown;
  if (error === undefined) return null;
  if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
    return t(lang, 'vendor.error.fileTooLarge', { max: `${formatNumber(lang, Math.round(maxBytes / 1024 / 1024))} MB` });
  }
  if (isDomainError(error, 'validation_failed')) return t(lang, 'vendor.error.text');
  return t(lang, 'vendor.error.uploadFailed');
}

/** The uploaded file in `field`, or null. */
export function uploadedFile(req: Request, field: string): Express.Multer.File | null {
  return req.file && req.file.fieldname === field ? req.file : null;
}

/**
 * A specification file read as the API reads a JSON body: it must look like JSON from its first byte (an
 * object or array), be strict UTF-8 and well-formed Unicode, and parse. Returns the spec or the message.
 */
export function readSpecFile(bytes: Uint8Array, lang: Language): { spec: unknown } | { error: string } {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start]!)) start += 1;
  if (bytes[start] !== 0x7b && bytes[start] !== 0x5b) return { error: t(lang, 'vendor.error.notJson') };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return { error: t(lang, 'vendor.error.notUtf8') };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    return { error: t(lang, 'vendor.error.notJson') };
  }
  try {
    assertWellFormedText(spec);
  } catch {
    return { error: t(lang, 'vendor.error.text') };
  }
  return { spec };
}
