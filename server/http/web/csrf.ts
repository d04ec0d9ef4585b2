import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ActiveSession } from '../../domain/accounts/web-sessions.ts';
import { cookieValue } from './i18n/languages.ts';

/**
 * CSRF tokens for every form. Signed in: derived from the session's secret, so a token dies with its
 * session. Not signed in (the sign-in form, public forms): derived from a random secret in an HttpOnly,
 * SameSite cookie set with the form (double submit: another site can neither read nor set it).
 */
const anonymousCookie = 'irru_form';

function derive(secret: string): string {
  return createHmac('sha256', secret).update('irru-form').digest('base64url');
}

function anonymousSecret(req: Request): string | undefined {
  const value = cookieValue(req, anonymousCookie);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The token a form rendered for this request carries (sets the anonymous cookie when needed). */
export function csrfTokenFor(req: Request, res: Response, secure: boolean): string {
  const session = res.locals.session as ActiveSession | undefined;
  if (session) return derive(session.csrfSecret);
  let secret = (res.locals.anonymousFormSecret as string | undefined) ?? anonymousSecret(req);
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    res.cookie(anonymousCookie, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  }
  res.locals.anonymousFormSecret = secret;
  return derive(secret);
}

/** True when the posted token was made for this browser's session (or its anonymous form cookie). */
export function csrfTokenValid(req: Request, res: Response, posted: unknown): boolean {
  if (typeof posted !== 'string' || posted.length === 0 || posted.length > 100) return false;
  const session = res.locals.session as ActiveSession | undefined;
  const secret = session ? session.csrfSecret : anonymousSecret(req);
  if (!secret) return false;
  const expected = Buffer.from(derive(secret));
  const given = Buffer.from(posted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
