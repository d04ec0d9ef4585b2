import type { Request, Response } from 'express';
import { negotiateLanguage } from './i18n/languages.ts';
import { hasMessage, t } from './i18n/translate.ts';
import { renderPage } from './page.ts';

/**
 * True when the client is a browser asking for a page: never for /api/ routes, and only when the Accept
 * header prefers HTML to JSON (a request with no Accept header gets problem+json, as API clients expect).
 */
export function wantsHtml(req: Request): boolean {
  if (req.path.startsWith('/api/')) return false;
  return req.accepts(['application/problem+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * The HTML error page in the user's language: a title and an explanation by status, the (English)
 * detail folded away for support, and the request id to quote. Never a stack trace.
 */
export function renderErrorPage(req: Request, res: Response, status: number, detail: string | null): void {
  const lang = (res.locals.lang ??= negotiateLanguage(req));
  const known = hasMessage(`error.${status}.title`) ? status : status >= 500 ? 500 : 400;
  renderPage(req, res, 'error', {
    title: t(lang, `error.${known}.title`),
    titleKey: `error.${known}.title`,
    bodyKey: `error.${known}.body`,
    status,
    detail,
    requestId: req.id === undefined ? null : String(req.id),
  }, status);
}
