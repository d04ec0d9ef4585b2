import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { listTokens, revokeToken } from '../../../domain/accounts/api-tokens.ts';
import { generatePassword } from '../../../domain/accounts/generated-passwords.ts';
import { setPassword } from '../../../domain/accounts/password-changes.ts';
import { listUsers, userEntry } from '../../../domain/accounts/user-directory.ts';
import { createUserAs, disableUser } from '../../../domain/accounts/users.ts';
import { DomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import type { Role } from '../../../store/port.ts';
import { actingOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { authorizeRoute } from '../../middleware/authorize.ts';
import {
  creationErrors, emptyNewUserForm, jurisdictionChoices, orgKindChoices, passwordChoice, readNewUserForm, roleChoices, type NewUserForm,
} from './admin-user-form.ts';
import { formPost } from '../forms.ts';
import { formatNumber } from '../i18n/format.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { passwordRules, textField, type FieldErrors } from './password-fields.ts';
import { requireSignedIn } from '../session.ts';
import { tokenRows } from './token-rows.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The longest e-mail piece the list filters by (an address is at most 254 characters). */
const emailFilterMax = 254;

/** What a redirect after a change says on a user's page (`?done=`). */
const notices: Record<string, string> = { created: 'accounts.admin.created', passwordReset: 'accounts.admin.passwordReset', disabled: 'accounts.admin.disabled' };

function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

/** The user id in the address; anything but a user id names no user. */
function userIdOf(req: Request): string {
  const id = String(req.params.id);
  if (!uuidPattern.test(id)) throw new DomainError('not_found', `no user ${id}`);
  return id;
}

function queryText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The choices of the role, kind and jurisdiction selects, labelled in the page's language, the typed one selected. */
function choicesOf(lang: Language, form: NewUserForm) {
  return {
    roles: roleChoices.map((value) => ({ value, label: t(lang, `common.role.${value}`), selected: form.role === value })),
    orgKinds: orgKindChoices.map((value) => ({ value, label: t(lang, `accounts.orgKind.${value}`), selected: form.orgKind === value })),
    jurisdictions: jurisdictionChoices.map((value) => ({ value, label: t(lang, `common.jurisdiction.${value}`), selected: form.jurisdiction === value })),
  };
}

/**
 * The admins' user pages: the list (by role and e-mail), creating a user with a first password (typed, or
 * generated and shown once), and a user's page with their tokens, a password reset and disabling. Every
 * action is decided by the policies (user.list, user.create, user.password.reset, user.disable).
 */
export function adminUserPages({ store, config }: AppContext): Router {
  const router = Router();

  function renderNewUser(req: Request, res: Response, form: NewUserForm, errors: FieldErrors, status: number): void {
    const lang = res.locals.lang as Language;
    renderPage(req, res, 'admin-user-new', {
      title: t(lang, 'accounts.admin.createUser'), form, errors, ...choicesOf(lang, form), passwordRules: passwordRules(lang),
    }, status);
  }

  async function renderUser(req: Request, res: Response, userId: string, extra: Record<string, unknown>, status = 200): Promise<void> {
    const actor = actorOf(res);
    const lang = res.locals.lang as Language;
    const { user, organisation } = await userEntry(store, actor, userId);
    renderPage(req, res, 'admin-user', {
      title: user.name, user, organisation,
      tokens: tokenRows(await listTokens(store, actor, user.id)),
      self: actor.userId === user.id,
      canReset: can(actor, 'user.password.reset', user),
      canDisable: user.disabledAt === null && can(actor, 'user.disable', user),
      passwordRules: passwordRules(lang),
      passwordMode: 'generate',
      ...extra,
    }, status);
  }

  router.get('/admin/users', requireSignedIn, authorizeRoute('user.list'), async function usersPage(req, res) {
    const lang = res.locals.lang as Language;
    const role = queryText(req.query.role);
    const email = queryText(req.query.email).trim();
    const after = queryText(req.query.after);
    const errors: FieldErrors = {};
    if (role && !(roleChoices as readonly string[]).includes(role)) errors.role = t(lang, 'accounts.admin.chooseRole');
    if ([...email].length > emailFilterMax) errors.email = t(lang, 'accounts.admin.tooLong', { max: formatNumber(lang, emailFilterMax) });
    const filter = { role, email, roles: choicesOf(lang, { ...emptyNewUserForm(), role }).roles };
    if (Object.keys(errors).length > 0 || after.length > emailFilterMax) {
      return renderPage(req, res, 'admin-users', { title: t(lang, 'accounts.admin.users'), filter, errors, entries: [], nextHref: null }, 400);
    }
    const page = await listUsers(store, actorOf(res), {
      ...(role ? { role: role as Role } : {}), ...(email ? { emailContains: email } : {}), ...(after ? { afterEmail: after } : {}),
    });
    const nextHref = page.nextAfter === null ? null
      : `/admin/users?${new URLSearchParams({ ...(role ? { role } : {}), ...(email ? { email } : {}), after: page.nextAfter }).toString()}`;
    renderPage(req, res, 'admin-users', { title: t(lang, 'accounts.admin.users'), filter, entries: page.entries, nextHref });
  });

  router.get('/admin/users/new', requireSignedIn, authorizeRoute('user.create'), function newUserPage(req, res) {
    renderNewUser(req, res, emptyNewUserForm(), {}, 200);
  });

  formPost(router, '/admin/users', async function createUserFromForm(req, res) {
    authorize(actorOf(res), 'user.create');
    const lang = res.locals.lang as Language;
    const { form, input, mode, password, errors } = readNewUserForm(req.body, lang);
    if (!input || !mode) return renderNewUser(req, res, form, errors, 422);
    const acting = actingOf(req, res);
    let created;
    try {
      created = await createUserAs(store, acting, input, { tokenLifetimeDays: config.tokenLifetimeDays });
    } catch (error) {
      const fieldErrors = creationErrors(lang, error);
      if (!fieldErrors) throw error;
      return renderNewUser(req, res, form, fieldErrors, 422);
    }
    // The first API token createUser issues is never shown on the web: revoked at once, so no credential exists that nobody holds.
    await revokeToken(store, acting, created.tokenId);
    const chosen = mode === 'generate' ? generatePassword() : password;
    await setPassword(store, acting, created.user.id, chosen);
    if (mode === 'generate') return renderUser(req, res, created.user.id, { notice: 'accounts.admin.created', generatedPassword: chosen }, 201);
    res.redirect(303, `/admin/users/${created.user.id}?done=created`);
  });

  router.get('/admin/users/:id', requireSignedIn, authorizeRoute('user.list'), async function userPage(req, res) {
    const done = queryText(req.query.done);
    await renderUser(req, res, userIdOf(req), { notice: Object.hasOwn(notices, done) ? notices[done] : null });
  });

  formPost(router, '/admin/users/:id/password', async function resetUserPassword(req, res) {
    const userId = userIdOf(req);
    authorize(actorOf(res), 'user.password.reset', { id: userId });
    const lang = res.locals.lang as Language;
    const { user } = await userEntry(store, actorOf(res), userId);
    const { mode, password, errors } = passwordChoice(req.body, lang, user.email);
    if (!mode || Object.keys(errors).length > 0) {
      return renderUser(req, res, userId, { errors, passwordMode: textField(req.body, 'passwordMode') || 'generate' }, 422);
    }
    const chosen = mode === 'generate' ? generatePassword() : password;
    await setPassword(store, actingOf(req, res), userId, chosen);
    if (mode === 'generate') return renderUser(req, res, userId, { notice: 'accounts.admin.passwordReset', generatedPassword: chosen });
    res.redirect(303, `/admin/users/${userId}?done=passwordReset`);
  });

  formPost(router, '/admin/users/:id/disable', async function disableUserFromPage(req, res) {
    const userId = userIdOf(req);
    authorize(actorOf(res), 'user.disable', { id: userId });
    if (textField(req.body, 'confirm') !== 'yes') {
      return renderUser(req, res, userId, { errors: { confirm: t(res.locals.lang as Language, 'accounts.admin.disableConfirmMissing') } }, 422);
    }
    await disableUser(store, actingOf(req, res), userId);
    res.redirect(303, `/admin/users/${userId}?done=disabled`);
  });

  return router;
}
