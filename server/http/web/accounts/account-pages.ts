import { Router, type Request, type Response } from 'express';
import { issueOwnToken, listTokens, revokeToken } from '../../../domain/accounts/api-tokens.ts';
import { setPassword } from '../../../domain/accounts/password-changes.ts';
import { startSession, type ActiveSession } from '../../../domain/accounts/web-sessions.ts';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { isIdentifier } from '../../../domain/text/identifier.ts';
import { actingOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { formPost } from '../forms.ts';
import { formatNumber } from '../i18n/format.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { asciiDigits } from '../i18n/digits.ts';
import { newPasswordErrors, passwordProblemText, passwordRules, textField, type FieldErrors } from './password-fields.ts';
import { requireSignedIn, sessionIdOf, setSessionCookie } from '../session.ts';
import { tokenRows } from './token-rows.ts';

/** The longest token label (schemas/api/token-request.schema.json). */
const tokenNameMax = 100;

/** What a redirect after a change says on the account page (`?done=`). */
const notices: Record<string, string> = { password: 'accounts.password.changed', revoked: 'accounts.tokens.revoked' };

function noticeOf(done: unknown): string | null {
  return typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done]! : null;
}

function sessionOf(res: Response): ActiveSession {
  return res.locals.session as ActiveSession;
}

/** The label and lifetime typed for a new token, or the errors to show next to each field. */
function tokenRequest(body: unknown, lang: Language, maxDays: number): { name: string; days: number; errors: FieldErrors } {
  const name = textField(body, 'name').trim();
  const daysText = asciiDigits(textField(body, 'lifetimeDays').trim());
  const errors: FieldErrors = {};
  if (!name) errors.name = t(lang, 'accounts.tokens.nameMissing');
  else if ([...name].length > tokenNameMax) errors.name = t(lang, 'accounts.tokens.nameTooLong', { max: formatNumber(lang, tokenNameMax) });
  else if (!isIdentifier(name)) errors.name = t(lang, 'accounts.controlCharacters');
  const days = /^\d{1,5}$/.test(daysText) ? Number(daysText) : Number.NaN;
  if (!(days >= 1 && days <= maxDays)) errors.lifetimeDays = t(lang, 'accounts.tokens.lifetimeInvalid', { max: formatNumber(lang, maxDays) });
  return { name, days, errors };
}

/**
 * The signed-in user's own page: who they are, their password (changing it ends every other session and
 * keeps this browser signed in with a fresh session), and their API tokens (create, shown once; revoke).
 */
export function accountPages({ store, config }: AppContext): Router {
  const router = Router();
  const maxDays = config.tokenLifetimeDays;

  async function renderAccount(req: Request, res: Response, extra: Record<string, unknown>, status = 200): Promise<void> {
    const lang = res.locals.lang as Language;
    const { actor, user } = sessionOf(res);
    const organisation = await store.organisations.get(user.orgId);
    const tokens = tokenRows(await listTokens(store, actor, actor.userId));
    renderPage(req, res, 'account', {
      title: t(lang, 'accounts.title'),
      user, organisation, tokens, maxDays, tokenNameMax,
      passwordRules: passwordRules(lang),
      lifetimeHelp: t(lang, 'accounts.tokens.lifetimeHelp', { max: formatNumber(lang, maxDays) }),
      tokenForm: { name: '', lifetimeDays: String(maxDays) },
      ...extra,
    }, status);
  }

  router.get('/account', requireSignedIn, async function accountPage(req, res) {
    await renderAccount(req, res, { notice: noticeOf(req.query.done) });
  });

  // The forms' own addresses, opened directly (a bookmark, a reload after sending): the page holding them.
  router.get('/account/password', requireSignedIn, function passwordFormPlace(_req, res) {
    res.redirect(303, '/account#password');
  });
  router.get('/account/tokens', requireSignedIn, function tokensFormPlace(_req, res) {
    res.redirect(303, '/account#tokens');
  });

  formPost(router, '/account/password', async function changeOwnPassword(req, res) {
    const lang = res.locals.lang as Language;
    const { actor, user } = sessionOf(res);
    const current = textField(req.body, 'currentPassword');
    const password = textField(req.body, 'newPassword');
    const errors: FieldErrors = {
      ...(current ? {} : { currentPassword: t(lang, 'accounts.password.missingCurrent') }),
      ...newPasswordErrors(lang, user.email, password, textField(req.body, 'repeatPassword'), { password: 'newPassword', repeat: 'repeatPassword' }),
    };
    if (Object.keys(errors).length > 0) return renderAccount(req, res, { errors }, 422);
    try {
      await setPassword(store, actingOf(req, res), actor.userId, password, { currentPassword: current, throttle: config.sessions });
    } catch (error) {
      if (isDomainError(error, 'too_many_attempts')) {
        res.setHeader('Retry-After', String(config.sessions.lockoutMinutes * 60));
        return renderAccount(req, res, { errors: { currentPassword: t(lang, 'signIn.throttled', { minutes: config.sessions.lockoutMinutes }) } }, 429);
      }
      const problem = isDomainError(error, 'validation_failed') ? error.details.problem : undefined;
      if (typeof problem !== 'string') throw error;
      const field = (error as DomainError).details.field === 'currentPassword' ? 'currentPassword' : 'newPassword';
      return renderAccount(req, res, { errors: { [field]: passwordProblemText(lang, problem) } }, 422);
    }
    // Every session of the user ended with the change; this browser goes on with a fresh one.
    const { sessionId } = await startSession(store, actor.userId, config.sessions, sessionIdOf(req));
    setSessionCookie(res, sessionId, config.sessions);
    res.redirect(303, '/account?done=password');
  });

  formPost(router, '/account/tokens', async function issueOwnApiToken(req, res) {
    const lang = res.locals.lang as Language;
    const { name, days, errors } = tokenRequest(req.body, lang, maxDays);
    if (Object.keys(errors).length > 0) {
      return renderAccount(req, res, { errors, tokenForm: { name: textField(req.body, 'name'), lifetimeDays: textField(req.body, 'lifetimeDays') } }, 422);
    }
    const issued = await issueOwnToken(store, actingOf(req, res), { name, expiresInDays: days }, { tokenLifetimeDays: maxDays });
    // Shown in this answer only: the store keeps its hash, and the page is never cached (no-store).
    await renderAccount(req, res, { issued: { token: issued.token, name: issued.record.name, expiresAt: issued.record.expiresAt } }, 201);
  });

  formPost(router, '/account/tokens/:id/revoke', async function revokeOwnApiToken(req, res) {
    const { actor } = sessionOf(res);
    // Only one's own tokens on one's own page: any other id is unknown here, whoever asks.
    const token = (await listTokens(store, actor, actor.userId)).find((candidate) => candidate.id === req.params.id);
    if (!token) throw new DomainError('not_found', `you have no token ${String(req.params.id)}`);
    await revokeToken(store, actingOf(req, res), token.id);
    res.redirect(303, '/account?done=revoked');
  });

  return router;
}
