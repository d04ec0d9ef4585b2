import type { CookieOptions, RequestHandler, Response } from 'express';
import type { SessionSettings } from '../../config.ts';
import { resumeSession, type ActiveSession } from '../../domain/accounts/web-sessions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/port.ts';
import { cookieValue, languageCookie, negotiateLanguage, type Language } from './i18n/languages.ts';

/** The cookie that carries the session id (HttpOnly, SameSite=Lax; Secure on https). */
export const sessionCookie = 'irru_session';

function cookieOptions(settings: SessionSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: settings.secureCookie, path: '/' };
}

export function setSessionCookie(res: Response, sessionId: string, settings: SessionSettings): void {
  // No Max-Age: the browser forgets the cookie when it closes; the server's idle and absolute expiry decide anyway.
  res.cookie(sessionCookie, sessionId, cookieOptions(settings));
}

export function clearSessionCookie(res: Response, settings: SessionSettings): void {
  res.clearCookie(sessionCookie, cookieOptions(settings));
}

/** The session id the browser sent, if any. */
export function sessionIdOf(req: Parameters<RequestHandler>[0]): string | undefined {
  const value = cookieValue(req, sessionCookie);
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

/** What the web pages know about the request: its language and, when signed in, the session and actor. */
export interface WebLocals {
  lang: Language;
  session?: ActiveSession;
}

/**
 * Resolves, for every page: the language (a `?lang=` choice is remembered in a cookie for a year) and the
 * session cookie to `res.locals.session` and `res.locals.actor`. An ended or unknown session clears its cookie.
 * API routes never read the session: they authenticate with Bearer tokens only, so no cookie can act on the API.
 */
export function webSession(store: Store, settings: SessionSettings): RequestHandler {
  return async function resolveWebSession(req, res, next) {
    const lang = negotiateLanguage(req);
    res.locals.lang = lang;
    res.locals.secureCookies = settings.secureCookie;
    if (req.query.lang === lang) res.cookie(languageCookie, lang, { maxAge: 365 * 86_400_000, sameSite: 'lax', path: '/', secure: settings.secureCookie });
    const sessionId = sessionIdOf(req);
    if (sessionId) {
      const session = await resumeSession(store, sessionId, settings);
      if (session) {
        res.locals.session = session;
        res.locals.actor = session.actor;
      } else {
        clearSessionCookie(res, settings);
        res.locals.sessionEnded = true;
      }
    }
    // Pages show personal data: never cached by the browser or a proxy once someone is signed in.
    if (res.locals.session) res.set('Cache-Control', 'no-store');
    next();
  };
}

/** A path the registry may send a browser to after sign-in: same origin only, never `//host` or a backslash trick. */
export function safeLocalPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 2000 ? value : null;
}

/** Pages for signed-in users: a browser without a session is sent to sign in and brought back afterwards. */
export const requireSignedIn: RequestHandler = function requireSignedIn(req, res, next) {
  if (res.locals.actor) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    const back = safeLocalPath(req.originalUrl) ?? '/';
    return res.redirect(303, `/sign-in?next=${encodeURIComponent(back)}${res.locals.sessionEnded ? '&ended=1' : ''}`);
  }
  throw new DomainError('unauthenticated', 'sign in first');
};
