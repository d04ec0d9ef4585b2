import type { RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { validateInput } from '../../input-schemas.ts';

/**
 * Checks the content type and validates the body against the input schema `schemaId` (by $id).
 * With `fileField`, a multipart upload whose file holds the JSON body is accepted too (parsed here).
 */
export function validateBody(schemaId: string, options: { fileField?: string } = {}): RequestHandler {
  return function validateRequestBody(req, _res, next) {
    if (options.fileField && req.is('multipart/form-data')) {
      const file = req.file;
      if (!file || file.fieldname !== options.fileField) throw new DomainError('validation_failed', `the multipart body needs a file in field "${options.fileField}"`);
      try {
        req.body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.buffer));
      } catch {
        throw new DomainError('validation_failed', `the file "${file.originalname}" is not valid UTF-8 JSON`);
      }
    } else if (!req.is('application/json')) {
      const accepted = options.fileField ? 'application/json or multipart/form-data' : 'application/json';
      throw new DomainError('unsupported_media_type', `the body must be ${accepted}`);
    }
    req.body = validateInput(schemaId, req.body);
    next();
  };
}
