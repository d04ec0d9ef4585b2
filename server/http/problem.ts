import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { renderErrorPage, wantsHtml } from './web/error-pages.ts';

/** HTTP status and RFC 9457 title for each domain error code. */
export const problemStatus: Record<ErrorCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: 'Invalid request' },
  invalid_schema: { status: 422, title: 'Schema does not compile' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  invalid_state: { status: 409, title: 'Not allowed in the current state' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  not_conforming: { status: 422, title: 'Specification does not conform' },
  out_of_scope: { status: 422, title: 'Outside the certificate scope' },
  inconsistent_submission: { status: 422, title: 'Submission contradicts its spec' },
  not_certifiable: { status: 422, title: 'Standard cannot certify' },
  role_mismatch: { status: 422, title: 'Role does not fit the organisation' },
  unavailable: { status: 503, title: 'Service unavailable' },
  storage_unavailable: { status: 503, title: 'Storage unavailable' },
  check_too_expensive: { status: 422, title: 'Check too expensive' },
  too_many_attempts: { status: 429, title: 'Too many attempts' },
};

/** Translates the errors thrown by express's body parser and multer into domain errors. */
function fromFramework(error: unknown): DomainError | null {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return new DomainError('validation_failed', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new DomainError('payload_too_large', `the body is over the limit of ${(error as { limit?: number }).limit} bytes`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new DomainError('unsupported_media_type', 'the body must be UTF-8 JSON');
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return new DomainError('payload_too_large', 'the uploaded file is over the size limit');
    return new DomainError('validation_failed', `upload refused: ${error.message}${error.field ? ` (field "${error.field}")` : ''}`);
  }
  return null;
}

/** Renders the HTML error page; false (and problem+json follows) if even that fails. */
function renderedErrorPage(req: Parameters<ErrorRequestHandler>[1], res: Parameters<ErrorRequestHandler>[2], status: number, detail: string | null): boolean {
  try {
    renderErrorPage(req, res, status, detail);
    return true;
  } catch (error) {
    req.log?.error({ err: error }, 'the error page could not be rendered');
    return false;
  }
}

/** 404 problem for any route nobody handled. */
export const notFoundHandler: RequestHandler = function notFoundHandler(req) {
  throw new DomainError('not_found', `no route for ${req.method} ${req.path}`);
};

/**
 * The one error handler: DomainErrors (and framework errors they stand for) become problem+json with
 * their status; anything else is logged and answered with a bare 500 that leaks nothing.
 */
export const problemHandler: ErrorRequestHandler = function problemHandler(error, req, res, _next) {
  const known = error instanceof DomainError ? error : fromFramework(error);
  if (!known) {
    req.log?.error({ err: error }, 'unhandled error');
    if (wantsHtml(req) && renderedErrorPage(req, res, 500, null)) return;
    res.status(500).type('application/problem+json').json({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    return;
  }
  const { status, title } = problemStatus[known.code];
  // A busy dependency (the check pool's full queue) says when to come back.
  if (typeof known.details.retryAfter === 'number') res.setHeader('Retry-After', String(known.details.retryAfter));
  // Browsers get a page in their language; API clients (and anything not asking for HTML) get problem+json.
  if (wantsHtml(req) && renderedErrorPage(req, res, status, known.message)) return;
  res.status(status).type('application/problem+json').json({
    type: `urn:irru:problem:${known.code}`,
    title,
    status,
    detail: known.message,
    code: known.code,
    instance: req.originalUrl,
    ...known.details,
  });
};
