import type { RequestHandler } from 'express';
import { validateInput } from '../../input-schemas.ts';

/**
 * Validates the query string against the input schema `schemaId` (by $id): 400 validation_failed listing every
 * failure, each naming its parameter (`/status`), before the handler runs. Well-formed text is checked earlier,
 * for every request, by wellFormedUrl.
 */
export function validateQuery(schemaId: string): RequestHandler {
  return function validateRequestQuery(req, _res, next) {
    validateInput(schemaId, { ...req.query });
    next();
  };
}
