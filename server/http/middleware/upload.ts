import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError } from '../../domain/errors.ts';
import { assertWellFormedText } from '../../domain/text/well-formed.ts';

/**
 * Accepts one file in `field` (kept in memory, at most `maxBytes`, no other files, few small fields of at most
 * `fieldBytes` each: 64 KiB unless a form takes a whole document as text, such as a pasted standard).
 * Text fields must be well-formed Unicode (400 naming the field). Requests that are not multipart pass through untouched.
 */
export function singleFileUpload(field: string, maxBytes: number, fieldBytes = 64 * 1024): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers and HTTP clients send non-ASCII file names as raw UTF-8 (RFC 7578 §4.2), not Latin-1.
    defParamCharset: 'utf8',
    // Our forms are flat (kind, standard, submission…): a bracketed name such as kind[4294967294] would make append-field
    // build a sparse array of 2³² slots that walking the body then tries to visit (GHSA-535w-7cp7-47q4, CVE-2026-5079).
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: fieldBytes, parts: 24, headerPairs: 100, fieldNameSize: 100, fieldNestingDepth: 0, fieldArrayIndexLimit: 0 },
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
