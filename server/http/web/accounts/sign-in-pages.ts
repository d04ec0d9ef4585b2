import { Router, type Request, type Response } from 'express';
import { actorFromUser } from '../../../domain/accounts/actor.ts';
import { signIn } from '../../../domain/accounts/sign-in.ts';
import { endSession, startSession } from '../../../domain/accounts/web-sessions.ts';
import { isDomainError } from '../../../domain/errors.ts';
import type { AppContext } from '../../context.ts';
import { csrfTokenValid } from '../csrf.ts';
import { formPost, isSecretField, parseForm, renderStaleForm } from '../forms.ts';
import { t } from '../i18n/translate.ts';
import type { Language } from '../i18n/languages.ts';
import { renderPage, startPageOf } from '../page.ts';
import { clearSessionCookie, safeLocalPath, sessionIdOf, setSessionCookie } from '../session.ts';

/** A form kept across a sign-in (from the stale-form page): where it goes and what the user typed. */
function keptForm(body: Record<string, unknown>): { action: string; fields: Array<{ name: string; value: string }> } | null {
  const action = safeLocalPath(body.resendTo);
  if (!action || typeof body.resend !== 'string' || body.resend.length > 1_000_000) return null;
  try {
    const parsed = JSON.parse(body.resend) as unknown;
    if (!Array.isArray(parsed)) return null;
    const fields: Array<{ name: string; value: string }> = [];
    for (const item of parsed) {
      if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' && typeof (item as { value?: unknown }).value === 'string') {
        fields.push({ name: (item as { name: string }).name, value: (item as { value: string }).value });
      }
    }
    return { action, fields: fields.filter((field) => !isSecretField(field.name)) };
  } catch {
    return null;
  }
}

function renderSignIn(req: Request, res: Response, extra: Record<string, unknown>, status = 200): void {
  const lang = res.locals.lang as Language;
  const body = (req.body ?? {}) as Record<string, unknown>;
  renderPage(req, res, 'sign-in', {
    title: t(lang, 'signIn.title'),
    next: safeLocalPath(req.query.next ?? body.next) ?? '',
    email: typeof body.email === 'string' ? body.email : '',
    resend: typeof body.resend === 'string' ? body.resend : '',
    resendTo: safeLocalPath(body.resendTo) ?? '',
    ended: req.query.ended === '1' || Boolean(res.locals.sessionEnded),
    signedOut: req.query.signedOut === '1',
    ...extra,
  }, status);
}

/** Sign-in with e-mail and password (argon2id), server-side sessions rotated at each sign-in, and sign-out. */
export function signInPages({ store, config }: AppContext): Router {
  const router = Router();
  const settings = config.sessions;

  router.get('/sign-in', function signInPage(req, res) {
    if (res.locals.actor) return res.redirect(303, safeLocalPath(req.query.next) ?? startPageOf(res.locals.actor));
    renderSignIn(req, res, {});
  });

  formPost(router, '/sign-in', async function signInWithPassword(req, res) {
    const lang = res.locals.lang as Language;
    const body = req.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!email || !password) {
      return renderSignIn(req, res, { errors: { ...(email ? {} : { email: t(lang, 'signIn.missing') }), ...(password ? {} : { password: t(lang, 'signIn.missing') }) } }, 422);
    }
    let user;
    try {
      user = await signIn(store, email, password, req.ip ?? 'unknown', settings);
    } catch (error) {
      if (isDomainError(error, 'too_many_attempts')) {
        res.setHeader('Retry-After', String(settings.lockoutMinutes * 60));
        return renderSignIn(req, res, { failure: t(lang, 'signIn.throttled', { minutes: settings.lockoutMinutes }) }, 429);
      }
      if (isDomainError(error, 'unauthenticated')) return renderSignIn(req, res, { failure: t(lang, 'signIn.wrong') }, 401);
      throw error;
    }
    const { sessionId, record } = await startSession(store, user.id, settings, sessionIdOf(req));
    setSessionCookie(res, sessionId, settings);
    const kept = keptForm(body);
    if (kept) {
      // The form the session ended under, ready to send again with the new session's CSRF token.
      res.locals.session = { idHash: record.idHash, actor: actorFromUser(user), user, csrfSecret: record.csrfSecret };
      res.locals.actor = actorFromUser(user);
      return renderPage(req, res, 'resend-form', { title: t(lang, 'stale.resendTitle'), action: kept.action, fields: kept.fields });
    }
    res.redirect(303, safeLocalPath(body.next) ?? startPageOf(actorFromUser(user)));
  }, { signedIn: false });

  // Signing out of a session that has already ended needs no token: there is nothing left to end.
  router.post('/sign-out', parseForm, async function signOut(req, res) {
    const sessionId = sessionIdOf(req);
    if (res.locals.session && !csrfTokenValid(req, res, (req.body as Record<string, unknown> | undefined)?._csrf)) return renderStaleForm(req, res, 'token', false);
    if (sessionId) await endSession(store, sessionId);
    clearSessionCookie(res, settings);
    res.redirect(303, '/sign-in?signedOut=1');
  });

  return router;
}
