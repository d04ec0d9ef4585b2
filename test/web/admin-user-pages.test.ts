import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { createUser } from '../../server/domain/accounts/users.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { postForm, signIn, signInAs, testPassword, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const typedPassword = 'a password typed by the admin';

function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** The password shown once on a user's page after it was generated. */
function generatedPasswordOf(page: string): string | null {
  return /id="generated-password"[^>]*value="([^"]+)"/.exec(page)?.[1] ?? null;
}

async function signInFails(registry: TestRegistry, email: string, password: string): Promise<boolean> {
  return signIn(registry, email, password).then(() => false, (error: Error) => /sign-in failed with 401/.test(error.message));
}

describe('admin user pages', () => {
  let registry: TestRegistry;
  let admin: Agent;
  let adminId: string;
  before(async () => {
    registry = await startRegistry();
    const signedIn = await signInAs(registry, 'admin');
    admin = signedIn.agent;
    adminId = signedIn.user.id;
  });
  after(() => registry.close());

  const newUser = (overrides: Record<string, string> = {}) => ({
    email: `new-${randomUUID()}@acme.example`, name: 'Farid Karimi', role: 'vendor', org: 'Acme Mobile', orgKind: '', jurisdiction: '',
    passwordMode: 'set', password: typedPassword, repeatPassword: typedPassword, ...overrides,
  });

  test('anyone but an admin gets the 403 page in their language, and nothing is created', async () => {
    for (const role of ['vendor', 'regulator', 'customs'] as const) {
      const { agent } = await signInAs(registry, role);
      for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${adminId}`]) {
        const page = await agent.get(`${path}?lang=ru`).set(html);
        assert.equal(page.status, 403, `${role} ${path}`);
        assert.match(page.headers['content-type']!, /text\/html/);
        assert.match(page.text, /<h1>Действие запрещено<\/h1>/);
      }
      const fields = newUser();
      const refused = await postForm(agent, '/account', '/admin/users', fields);
      assert.equal(refused.status, 403);
      assert.equal(await registry.store.users.findByEmail(fields.email), null);
      const reset = await postForm(agent, '/account', `/admin/users/${adminId}/password`, { passwordMode: 'generate' });
      assert.equal(reset.status, 403);
      assert.equal(generatedPasswordOf(reset.text), null);
    }
    const anonymous = await supertest(registry.app).get('/admin/users').set(html);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fadmin%2Fusers');
  });

  test('an admin creates a user with a typed password; the user signs in with it, and no unknown credential is left', async () => {
    const fields = newUser({ role: 'regulator', org: `Communications Regulatory Authority ${randomUUID()}`, jurisdiction: 'IR' });
    const created = await postForm(admin, '/admin/users/new', '/admin/users', fields);
    assert.equal(created.status, 303);
    const user = (await registry.store.users.findByEmail(fields.email))!;
    assert.equal(created.headers.location, `/admin/users/${user.id}?done=created`);
    assert.deepEqual([user.name, user.role, user.jurisdiction, user.disabledAt], ['Farid Karimi', 'regulator', 'IR', null]);
    const organisation = (await registry.store.organisations.get(user.orgId))!;
    assert.deepEqual([organisation.name, organisation.kind, organisation.jurisdiction], [fields.org, 'authority', 'IR']);
    assert.deepEqual((await registry.store.users.listTokens(user.id)).map((token) => token.revokedAt !== null), [true], 'the first token, never shown, is revoked');
    const page = await admin.get(created.headers.location!).set(html);
    assert.match(page.text, /The user has been created and can sign in\./);
    assert.match(page.text, /<h1><bdi>Farid Karimi<\/bdi><\/h1>/);
    const agent = await signIn(registry, fields.email, typedPassword);
    assert.equal((await agent.get('/account').set(html)).status, 200);
    const actions = (await registry.store.audit.list({ afterSeq: 0, limit: 1000 })).filter((event) => event.subject === `user:${user.id}`).map((event) => [event.action, event.actorId]);
    assert.deepEqual(actions, [['user.create', adminId], ['token.revoke', adminId], ['user.password.reset', adminId]]);
  });

  test('a generated first password is shown once, in the page\'s language, and works', async () => {
    const fields = newUser({ passwordMode: 'generate', password: '', repeatPassword: '' });
    const created = await postForm(admin, '/admin/users/new?lang=fa', '/admin/users', fields);
    assert.equal(created.status, 201);
    const password = generatedPasswordOf(created.text);
    assert.match(password ?? '', /^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){4}$/);
    assert.match(created.text, /همین حالا آن را رونوشت کنید/);
    const user = (await registry.store.users.findByEmail(fields.email))!;
    await signIn(registry, fields.email, password!);
    const again = await admin.get(`/admin/users/${user.id}`).set(html);
    assert.equal(generatedPasswordOf(again.text), null);
    assert.doesNotMatch(again.text, new RegExp(password!));
    await admin.get('/admin/users?lang=en').set(html);
  });

  test('a form with mistakes is shown again with each error next to its field and the typed values kept; nothing is created', async () => {
    const taken = newUser();
    await postForm(admin, '/admin/users/new', '/admin/users', taken);
    const authority = `Authority ${randomUUID()}`;
    await createUser(registry.store, { email: `r-${randomUUID()}@cra.example`, name: 'R', role: 'regulator', org: authority, jurisdiction: 'IR' });
    const cases: Array<[ReturnType<typeof newUser>, string, string]> = [
      [newUser({ email: 'not an address' }), 'email', 'Enter an e-mail address such as name@example.org.'],
      [newUser({ email: taken.email.toUpperCase() }), 'email', 'A user with this e-mail address exists already.'],
      [newUser({ name: '  ' }), 'name', 'Enter the person&#x27;s name.'],
      [newUser({ role: 'root' }), 'role', 'Choose a role from the list.'],
      [newUser({ role: 'customs' }), 'jurisdiction', 'A regulator or customs officer needs a jurisdiction: Iran or Russia.'],
      [newUser({ jurisdiction: 'RU' }), 'jurisdiction', 'Administrators and vendors have no jurisdiction: choose “None”.'],
      [newUser({ orgKind: 'authority', org: `New org ${randomUUID()}` }), 'orgKind', 'A vendor belongs to an organisation of the kind “vendor company”.'],
      [newUser({ org: authority }), 'org', 'This organisation is a regulatory authority; a vendor cannot belong to it.'],
      [newUser({ role: 'regulator', org: authority, jurisdiction: 'RU' }), 'jurisdiction', 'This organisation&#x27;s jurisdiction is: Iran. Choose the same one.'],
      [newUser({ password: 'short', repeatPassword: 'short' }), 'password', 'The password is too short: at least 12 characters.'],
      [newUser({ repeatPassword: 'something else entirely' }), 'repeatPassword', 'The two passwords do not match.'],
      [newUser({ passwordMode: '' }), 'passwordMode', 'Choose one of the options.'],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await postForm(admin, '/admin/users/new', '/admin/users', fields);
      assert.equal(refused.status, 422, `${field}: ${message}`);
      assert.equal(fieldError(refused.text, field), message);
      assert.match(refused.text, /name="name"[^>]* value="[^"]*"/);
      if (fields.name.trim()) assert.match(refused.text, new RegExp(`value="${fields.name}"`), 'the typed name is kept');
      assert.doesNotMatch(refused.text, new RegExp(typedPassword), 'a typed password is never written back');
      if (fields.email !== taken.email.toUpperCase()) assert.equal(await registry.store.users.findByEmail(fields.email.toLowerCase()), null);
    }
    assert.equal(await registry.store.organisations.findByName(cases[6]![0].org), null, 'no organisation of the wrong kind was created');
  });

  test('the list filters by role and e-mail and pages through every match in e-mail order', async () => {
    const marker = `page${randomUUID().slice(0, 6)}`;
    for (let index = 0; index < 52; index += 1) {
      await createUser(registry.store, { email: `u${String(index).padStart(2, '0')}@${marker}.example`, name: `User ${index}`, role: 'vendor', org: `Org ${marker}` });
    }
    await createUser(registry.store, { email: `officer@${marker}.example`, name: 'Officer', role: 'customs', org: `Customs ${marker}`, jurisdiction: 'RU' });
    const first = await admin.get(`/admin/users?email=${marker}&role=vendor`).set(html);
    assert.equal(first.status, 200);
    const emails = (page: string) => [...page.matchAll(/<td><bdi>([^<]+)<\/bdi><\/td>/g)].map((match) => match[1]).filter((text) => text!.includes('@'));
    const firstEmails = emails(first.text);
    assert.equal(firstEmails.length, 50);
    assert.equal(firstEmails[0], `u00@${marker}.example`);
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)![1]!.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=');
    const second = await admin.get(next).set(html);
    assert.deepEqual(emails(second.text), [`u50@${marker}.example`, `u51@${marker}.example`]);
    assert.doesNotMatch(second.text, /rel="next"/);
    const customs = await admin.get(`/admin/users?email=${marker.toUpperCase()}&role=customs&lang=ru`).set(html);
    assert.deepEqual(emails(customs.text), [`officer@${marker}.example`]);
    assert.match(customs.text, /<td>таможенный инспектор<\/td>\s*<td><bdi>Customs [^<]+<\/bdi><\/td>\s*<td>Россия<\/td>/);
    await admin.get('/admin/users?lang=en').set(html);
    const badRole = await admin.get('/admin/users?role=root').set(html);
    assert.equal(badRole.status, 400);
    assert.equal(fieldError(badRole.text, 'role'), 'Choose a role from the list.');
    const nobody = await admin.get(`/admin/users?email=${marker}-nobody`).set(html);
    assert.match(nobody.text, /No user matches\./);
  });

  test('an admin resets a password (typed or generated): the user\'s sessions end and only the new password signs in', async () => {
    const { user, agent: userBrowser } = await signInAs(registry, 'vendor');
    const reset = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/password`, { passwordMode: 'set', password: typedPassword, repeatPassword: typedPassword });
    assert.equal(reset.status, 303);
    assert.equal(reset.headers.location, `/admin/users/${user.id}?done=passwordReset`);
    assert.equal((await userBrowser.get('/account').set(html)).status, 303, 'the user\'s session ended');
    assert.equal(await signInFails(registry, user.email, testPassword), true);
    await signIn(registry, user.email, typedPassword);
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.actorId, event.subject], ['user.password.reset', adminId, `user:${user.id}`]);

    const generated = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/password`, { passwordMode: 'generate' });
    assert.equal(generated.status, 200);
    const password = generatedPasswordOf(generated.text)!;
    assert.match(generated.text, /The password has been reset; the user&#x27;s sessions have ended\./);
    assert.equal(await signInFails(registry, user.email, typedPassword), true);
    await signIn(registry, user.email, password);

    const refused = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/password`, { passwordMode: 'set', password: user.email, repeatPassword: user.email });
    assert.equal(refused.status, 422);
    assert.equal(fieldError(refused.text, 'password'), 'The password must not be your e-mail address.');
    await signIn(registry, user.email, password);
  });

  test('an admin disables an account after confirming: the user is signed out and cannot sign in; never one\'s own', async () => {
    const { user, agent: userBrowser } = await signInAs(registry, 'customs');
    const unconfirmed = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/disable`, {});
    assert.equal(unconfirmed.status, 422);
    assert.equal(fieldError(unconfirmed.text, 'confirm'), 'Tick the box to confirm.');
    assert.equal((await registry.store.users.get(user.id))?.disabledAt, null);
    const disabled = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/disable`, { confirm: 'yes' });
    assert.equal(disabled.status, 303);
    assert.ok((await registry.store.users.get(user.id))?.disabledAt);
    assert.equal((await userBrowser.get('/account').set(html)).status, 303);
    assert.equal(await signInFails(registry, user.email, testPassword), true);
    const page = await admin.get(disabled.headers.location!).set(html);
    assert.match(page.text, /The account has been disabled\./);
    assert.doesNotMatch(page.text, /action="\/admin\/users\/[^"]+\/disable"/, 'no second disable form');

    const own = await admin.get(`/admin/users/${adminId}`).set(html);
    assert.match(own.text, /This is your own account: change your password on your account page\./);
    assert.doesNotMatch(own.text, /\/disable"|\/password"/);
    for (const action of ['disable', 'password']) {
      const refused = await postForm(admin, '/admin/users', `/admin/users/${adminId}/${action}`, { confirm: 'yes', passwordMode: 'generate' });
      assert.equal(refused.status, 403, action);
    }
    assert.equal((await registry.store.users.get(adminId))?.disabledAt, null);
    assert.equal((await admin.get('/admin/users').set(html)).status, 200, 'the admin is still signed in');
  });

  test('an address that names no user is the 404 page', async () => {
    for (const path of ['/admin/users/not-a-user', `/admin/users/${randomUUID()}`]) {
      const page = await admin.get(path).set(html);
      assert.equal(page.status, 404, path);
      assert.match(page.text, /<h1>Not found<\/h1>/);
    }
    const post = await postForm(admin, '/admin/users', `/admin/users/${randomUUID()}/disable`, { confirm: 'yes' });
    assert.equal(post.status, 404);
  });
});
