import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { csrfTokenValid } from './csrf.ts';
import type { Language } from './i18n/languages.ts';
import { t } from './i18n/translate.ts';
import { renderPage } from './page.ts';

/** Form bodies: URL-encoded, at most 1 MiB and 5,000 fields (express answers 413 / 400 beyond). */
export const parseForm = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 });

/** Whether a form needs a signed-in user (most) or not (sign-in itself, the public verification forms). */
export interface FormOptions {
  signedIn?: boolean;
}

/** A field never echoed back into a page, whatever happens to the form. */
export function isSecretField(name: string): boolean {
  return /password|_csrf|token/i.test(name);
}

/** A form field's text: the string sent, or '' for a missing or repeated field. */
export function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The fields a user typed, as [name, value] pairs (repeated fields repeated), secrets left out. */
export function typedFields(body: unknown): Array<{ name: string; value: string }> {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([name]) => !isSecretField(name))
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => ({ name, value: String(item ?? '') })));
}

/**
 * The page for a form that arrived stale: its session ended (sign in, then send again) or its CSRF token
 * does not match (send again with a fresh one). Nothing was done; what the user typed is kept in the page,
 * except passwords and files, which cannot be.
 */
export function renderStaleForm(req: Request, res: Response, reason: 'session' | 'token', hadFiles: boolean): void {
  const fields = typedFields(req.body);
  renderPage(req, res, 'stale-form', {
    title: t(res.locals.lang as Language, 'stale.title'),
    sessionEnded: reason === 'session',
    action: req.originalUrl,
    fields,
    resend: JSON.stringify(fields),
    hadFiles,
  }, reason === 'session' ? 401 : 403);
}

function guard(options: FormOptions, hadFiles: boolean): RequestHandler {
  return function checkFormIsFresh(req, res, next) {
    if (options.signedIn !== false && !res.locals.actor) return renderStaleForm(req, res, 'session', hadFiles);
    if (!csrfTokenValid(req, res, (req.body as Record<string, unknown> | undefined)?._csrf)) return renderStaleForm(req, res, 'token', hadFiles);
    next();
  };
}

/** Declares a URL-encoded form's POST route: body parsed, session and CSRF token checked, then `handler`. */
export function formPost(router: Router, path: string, handler: RequestHandler, options: FormOptions = {}): void {
  router.post(path, parseForm, guard(options, false), handler);
}

/** Declares a multipart form's POST route: `upload` (multer) parses it, then session and CSRF are checked, then `handler`. */
export function uploadPost(router: Router, path: string, upload: RequestHandler, handler: RequestHandler, options: FormOptions = {}): void {
  router.post(path, upload, guard(options, true), handler);
}
