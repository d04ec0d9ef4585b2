import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError } from '../../domain/errors.ts';
import { assertWellFormedText } from '../../domain/text/well-formed.ts';

/**
 * Accepts one file in `field` (kept in memory, at most `maxBytes`, no other files, few small fields).
 * Text fields must be well-formed Unicode (400 naming the field). Requests that are not multipart pass through untouched.
 */
export function singleFileUpload(field: string, maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers and HTTP clients send non-ASCII file names as raw UTF-8 (RFC 7578 §4.2), not Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 24, headerPairs: 100 },
  }).single(field);
  return function uploadSingleFile(req, res, next) {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, (error?: unknown) => {
      // Multer's own errors map to problems in problem.ts; anything else from the parser is a malformed body.
      if (error && !(error instanceof multer.MulterError)) return next(new DomainError('validation_failed', 'the multipart body is malformed'));
      if (error) return next(error);
      // Text fields are named like JSON members (`/standard`); JSON inside them is walked again by validateBody.
      try {
        assertWellFormedText(req.body);
      } catch (illFormed) {
        return next(illFormed);
      }
      next();
    });
  };
}
