import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { hashToken } from '../../server/domain/accounts/tokens.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { postForm, signIn, signInAs, testPassword, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const newPassword = 'a brand new passphrase';

/** The message shown next to a field (the field-error partial), or null when the field has none. */
function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** The token shown once on the page after it was created. */
function issuedTokenOf(page: string): string | null {
  return /id="issued-token"[^>]*value="(irru_[A-Za-z0-9_-]+)"/.exec(page)?.[1] ?? null;
}

async function signInFails(registry: TestRegistry, email: string, password: string): Promise<boolean> {
  return signIn(registry, email, password).then(() => false, (error: Error) => /sign-in failed with 401/.test(error.message));
}

describe('my account: password', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry.close());

  test('without a session, the account page sends the browser to sign in and back', async () => {
    const response = await supertest(registry.app).get('/account').set(html);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/sign-in?next=%2Faccount');
  });

  test('the page shows who the user is: name, e-mail, role, organisation and jurisdiction, in the chosen language', async () => {
    const { agent, user } = await signInAs(registry, 'regulator', { org: 'Роскомнадзор (test)', jurisdiction: 'RU' });
    const page = await agent.get('/account?lang=ru').set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Моя учётная запись<\/h1>/);
    assert.match(page.text, new RegExp(`<dd><bdi>${user.email}</bdi></dd>`));
    assert.match(page.text, /<dd>регулятор<\/dd>/);
    assert.match(page.text, /<bdi>Роскомнадзор \(test\)<\/bdi> \(регулирующий орган\)/);
    assert.match(page.text, /Россия \(<bdi class="token">RU<\/bdi>\)/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('a changed password: the old one no longer signs in, the new one does, other sessions end, this browser stays signed in', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const otherBrowser = await signIn(registry, user.email);
    const changed = await postForm(agent, '/account', '/account/password', { currentPassword: testPassword, newPassword, repeatPassword: newPassword });
    assert.equal(changed.status, 303);
    assert.equal(changed.headers.location, '/account?done=password');
    const page = await agent.get(changed.headers.location!).set(html);
    assert.equal(page.status, 200, 'this browser holds a fresh session');
    assert.match(page.text, /<p class="notice ok" role="status">Your password has been changed\. Every other session of yours has ended\.<\/p>/);
    const other = await otherBrowser.get('/account').set(html);
    assert.equal(other.status, 303);
    assert.match(other.headers.location!, /^\/sign-in\?next=%2Faccount&ended=1$/);
    assert.equal(await signInFails(registry, user.email, testPassword), true, 'the old password is refused');
    await signIn(registry, user.email, newPassword);
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.actorId, event.subject], ['user.password.change', user.id, `user:${user.id}`]);
    assert.doesNotMatch(JSON.stringify(event.summary), /brand new/);
  });

  test('guessing the current password from an open session is throttled like sign-in: after 5 wrong guesses even the right one is refused', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    for (let guess = 0; guess < registry.config.sessions.maxFailures; guess += 1) {
      const wrong = await postForm(agent, '/account', '/account/password', { currentPassword: `guess number ${guess}`, newPassword, repeatPassword: newPassword });
      assert.equal(wrong.status, 422);
    }
    const refused = await postForm(agent, '/account', '/account/password', { currentPassword: testPassword, newPassword, repeatPassword: newPassword });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(fieldError(refused.text, 'currentPassword') ?? '', /Too many failed attempts/);
    assert.equal(await signInFails(registry, user.email, newPassword), true, 'the password did not change');
  });

  test('a wrong current password (an admin\'s too) is shown next to its field in the user\'s language; nothing is echoed and nothing changes', async () => {
    for (const role of ['customs', 'admin'] as const) {
      const { agent, user } = await signInAs(registry, role);
      const refused = await postForm(agent, '/account?lang=fa', '/account/password', { currentPassword: 'not my password at all', newPassword, repeatPassword: newPassword });
      assert.equal(refused.status, 422, role);
      assert.equal(fieldError(refused.text, 'currentPassword'), 'گذرواژه فعلی نادرست است.');
      assert.match(refused.text, /id="currentPassword"[^>]* aria-invalid="true" aria-describedby="currentPassword-error"/);
      assert.match(refused.text, /<html lang="fa" dir="rtl">/);
      assert.doesNotMatch(refused.text, /not my password|brand new passphrase/, 'no password is written back into the page');
      assert.equal(await signInFails(registry, user.email, newPassword), true);
      await signIn(registry, user.email, testPassword);
      assert.notEqual((await registry.store.audit.last())!.action, 'user.password.change');
    }
  });

  test('a new password the policy refuses, or two that differ, is explained next to the field that is wrong', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ currentPassword: testPassword, newPassword: 'short', repeatPassword: 'short' }, 'newPassword', 'The password is too short: at least 12 characters.'],
      [{ currentPassword: testPassword, newPassword: 'x'.repeat(257), repeatPassword: 'x'.repeat(257) }, 'newPassword', 'The password is too long: at most 256 characters.'],
      [{ currentPassword: testPassword, newPassword: user.email.toUpperCase(), repeatPassword: user.email.toUpperCase() }, 'newPassword', 'The password must not be your e-mail address.'],
      [{ currentPassword: testPassword, newPassword, repeatPassword: `${newPassword}!` }, 'repeatPassword', 'The two passwords do not match.'],
      [{ currentPassword: '', newPassword, repeatPassword: newPassword }, 'currentPassword', 'Enter your current password.'],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await postForm(agent, '/account', '/account/password', fields);
      assert.equal(refused.status, 422, field);
      assert.equal(fieldError(refused.text, field), message);
      assert.match(refused.text, /The form has errors; they are shown next to each field\./);
    }
    const russian = await postForm(agent, '/account?lang=ru', '/account/password', { currentPassword: testPassword, newPassword: 'short', repeatPassword: 'short' });
    assert.equal(fieldError(russian.text, 'newPassword'), 'Пароль слишком короткий: нужно не менее 12 символов.');
    await signIn(registry, user.email, testPassword);
  });

  test('a form sent after the session ended keeps nothing secret and changes nothing', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const page = await agent.get('/account').set(html);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    await postForm(agent, '/account', '/sign-out', {});
    const stale = await agent.post('/account/password').set(html).type('form').send({ _csrf: token, currentPassword: testPassword, newPassword, repeatPassword: newPassword });
    assert.equal(stale.status, 401);
    assert.doesNotMatch(stale.text, /brand new passphrase|correct horse/);
    await signIn(registry, user.email, testPassword);
  });
});

describe('my account: API tokens', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry({ env: { TOKEN_LIFETIME_DAYS: '60' } });
  });
  after(() => registry.close());

  async function createToken(agent: Agent, fields: Record<string, string>) {
    return postForm(agent, '/account', '/account/tokens', fields);
  }

  test('a token created on the page is shown once, authenticates the API, and stops the moment it is revoked', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const created = await createToken(agent, { name: 'build server', lifetimeDays: '30' });
    assert.equal(created.status, 201);
    const token = issuedTokenOf(created.text);
    assert.ok(token, 'the new token is on the page');
    assert.match(created.text, /Copy it now and keep it safe: it is shown only this once\./);
    const me = await supertest(registry.app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`);
    assert.equal(me.status, 200);
    const listed = (me.body.tokens as Array<{ id: string; name: string; status: string; expiresAt: string }>).find((entry) => entry.name === 'build server')!;
    assert.equal(listed.status, 'active');
    const lifetimeDays = (Date.parse(listed.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(lifetimeDays > 29.9 && lifetimeDays <= 30, `expires in ${lifetimeDays} days`);
    const stored = (await registry.store.users.listTokens(user.id)).find((record) => record.id === listed.id)!;
    assert.equal(stored.tokenHash, hashToken(token));
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.actorId, event.summary.tokenId, event.summary.self], ['token.issue', user.id, listed.id, true]);

    const later = await agent.get('/account').set(html);
    assert.equal(issuedTokenOf(later.text), null, 'the token is never shown again');
    assert.doesNotMatch(later.text, new RegExp(token));
    assert.match(later.text, new RegExp(`<td id="token-${listed.id}"><bdi>build server</bdi></td>`));

    const revoked = await postForm(agent, '/account', `/account/tokens/${listed.id}/revoke`, {});
    assert.equal(revoked.status, 303);
    assert.equal(revoked.headers.location, '/account?done=revoked');
    assert.equal((await supertest(registry.app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`)).status, 401);
    assert.ok((await registry.store.users.getToken(listed.id))?.revokedAt);
    const page = await agent.get('/account?done=revoked').set(html);
    assert.match(page.text, /The token has been revoked; it no longer works\./);
    assert.match(page.text, new RegExp(`<td id="token-${listed.id}"><bdi>build server</bdi></td>(?:\\s*<td>[^<]*</td>){2}\\s*<td><span class="badge">revoked</span></td>\\s*<td></td>`));
  });

  test('a bad name or lifetime is explained next to its field and the typed values are kept; Persian digits count', async () => {
    const { agent, user } = await signInAs(registry, 'regulator');
    const before = (await registry.store.users.listTokens(user.id)).length;
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ name: 'laptop', lifetimeDays: '61' }, 'lifetimeDays', 'Enter a whole number of days from 1 to 60.'],
      [{ name: 'laptop', lifetimeDays: '0' }, 'lifetimeDays', 'Enter a whole number of days from 1 to 60.'],
      [{ name: 'laptop', lifetimeDays: 'soon' }, 'lifetimeDays', 'Enter a whole number of days from 1 to 60.'],
      [{ name: '   ', lifetimeDays: '5' }, 'name', 'Give the token a name.'],
      [{ name: 'x'.repeat(101), lifetimeDays: '5' }, 'name', 'The name is too long: at most 100 characters.'],
      [{ name: 'lap\u202Etop', lifetimeDays: '5' }, 'name', 'Remove the invisible control characters (such as direction marks) from this field.'],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await createToken(agent, fields);
      assert.equal(refused.status, 422, `${fields.name} ${fields.lifetimeDays}`);
      assert.equal(fieldError(refused.text, field), message);
      assert.match(refused.text, new RegExp(`name="lifetimeDays"[^>]* value="${fields.lifetimeDays}"`), 'the typed lifetime is kept');
      assert.equal(issuedTokenOf(refused.text), null);
    }
    const kept = await createToken(agent, { name: 'border laptop', lifetimeDays: '61' });
    assert.match(kept.text, /name="name"[^>]* value="border laptop"/);
    assert.equal((await registry.store.users.listTokens(user.id)).length, before, 'no token was issued');

    const persian = await postForm(agent, '/account?lang=fa', '/account/tokens', { name: 'رایانه گمرک', lifetimeDays: '۳۰' });
    assert.equal(persian.status, 201);
    assert.ok(issuedTokenOf(persian.text));
    assert.match(persian.text, /توکن جدید شما: <bdi>رایانه گمرک<\/bdi>/);
    const [newest] = await registry.store.users.listTokens(user.id);
    assert.equal(newest!.name, 'رایانه گمرک');
    assert.equal(Math.round((Date.parse(newest!.expiresAt) - Date.parse(newest!.createdAt)) / 86_400_000), 30);
  });

  test('another user\'s token cannot be revoked from one\'s own page, whatever the role', async () => {
    const { user: owner } = await signInAs(registry, 'vendor');
    const [token] = await registry.store.users.listTokens(owner.id);
    for (const role of ['vendor', 'admin'] as const) {
      const { agent } = await signInAs(registry, role);
      const refused = await postForm(agent, '/account', `/account/tokens/${token!.id}/revoke`, {});
      assert.equal(refused.status, 404, role);
      assert.match(refused.headers['content-type']!, /text\/html/);
    }
    assert.equal((await registry.store.users.getToken(token!.id))?.revokedAt, null);
  });
});
