import type { RequestHandler } from 'express';
import multer from 'multer';

/**
 * Accepts one file in `field` (kept in memory, at most `maxBytes`, no other files, few small fields).
 * Requests that are not multipart pass through untouched.
 */
export function singleFileUpload(field: string, maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 24, headerPairs: 100 },
  }).single(field);
  return function uploadSingleFile(req, res, next) {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, next);
  };
}
