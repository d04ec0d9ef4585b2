import type { RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { assertWellFormedText } from '../../domain/text/well-formed.ts';
import { validateInput } from '../../input-schemas.ts';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The JSON object held as text in a multipart form field. */
function jsonField(fields: unknown, name: string): Record<string, unknown> {
  const text = (fields as Record<string, unknown> | undefined)?.[name];
  if (typeof text !== 'string') throw new DomainError('validation_failed', `the multipart body needs a JSON text field "${name}"`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('validation_failed', `the field "${name}" is not valid JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DomainError('validation_failed', `the field "${name}" must be a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * Checks the content type, that every key and string of the body is well-formed Unicode (400 naming the first
 * bad one's JSON pointer, rule well_formed_unicode), and validates the body against the input schema `schemaId` (by $id).
 * With `fileField`, a multipart upload whose file holds the JSON body is accepted too (parsed here); with
 * `bodyField` as well, the form field `bodyField` holds the JSON body and the file the value of its property `fileField`.
 */
export function validateBody(schemaId: string, options: { fileField?: string; bodyField?: string } = {}): RequestHandler {
  return async function validateRequestBody(req, _res, next) {
    if (options.fileField && req.is('multipart/form-data')) {
      const file = req.file;
      if (!file || file.fieldname !== options.fileField) throw new DomainError('validation_failed', `the multipart body needs a file in field "${options.fileField}"`);
      let fromFile: unknown;
      try {
        fromFile = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.buffer));
      } catch {
        throw new DomainError('validation_failed', `the file "${file.originalname}" is not valid UTF-8 JSON`);
      }
      req.body = options.bodyField ? { ...jsonField(req.body, options.bodyField), [options.fileField]: fromFile } : fromFile;
    } else if (!req.is('application/json')) {
      const accepted = options.fileField ? 'application/json or multipart/form-data' : 'application/json';
      throw new DomainError('unsupported_media_type', `the body must be ${accepted}`);
    }
    // Keys and strings, at any depth: a lone surrogate is refused here, naming its pointer, before the schema sees it.
    assertWellFormedText(req.body);
    // Each pass over a large body takes tens of milliseconds: let other requests in between, so no single
    // request holds the event loop for the parse, both walks and the copy to a check worker at once.
    await yieldToEventLoop();
    req.body = validateInput(schemaId, req.body);
    await yieldToEventLoop();
    next();
  };
}
