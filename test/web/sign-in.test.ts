import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { hashSessionId, resumeSession } from '../../server/domain/accounts/web-sessions.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { csrf, csrfOf, givePassword, signInAs, testPassword } from '../helpers/web.ts';

function sessionCookieOf(response: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((cookie) => cookie.startsWith('irru_session='));
}

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('sign-in and sessions', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry({ env: { SIGN_IN_MAX_FAILURES: '3' } });
  });
  after(() => registry.close());

  test('the right password starts a session in an HttpOnly, SameSite=Lax cookie; the store keeps only its hash', async () => {
    const { user } = await registry.login('vendor');
    await givePassword(registry, user.id);
    const agent = supertest.agent(registry.app);
    const token = await csrf(agent, '/sign-in');
    const response = await agent.post('/sign-in').set(html).type('form').send({ _csrf: token, email: user.email.toUpperCase(), password: testPassword });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/submissions');
    const cookie = sessionCookieOf(response)!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const sessionId = /^irru_session=([^;]+)/.exec(cookie)![1]!;
    const stored = await registry.store.webSessions.get(hashSessionId(sessionId));
    assert.equal(stored?.userId, user.id);
    assert.equal(await registry.store.webSessions.get(sessionId), null, 'the session id itself is not stored');
    const page = await agent.get('/standards').set(html);
    assert.match(page.text, new RegExp(`Signed in as ${user.name}`));
  });

  test('a wrong password or an unknown address gets the same answer and no session', async () => {
    const { user } = await registry.login('vendor');
    await givePassword(registry, user.id);
    for (const email of [user.email, 'nobody@example.org']) {
      const agent = supertest.agent(registry.app);
      const formToken = await csrf(agent, '/sign-in');
      const response = await agent.post('/sign-in').set(html).type('form').send({ _csrf: formToken, email, password: 'wrong password!' });
      assert.equal(response.status, 401);
      assert.match(response.text, /The e-mail address or password is wrong\./);
      assert.equal(sessionCookieOf(response), undefined);
      assert.match(response.text, new RegExp(`value="${email.replace('.', '\\.')}"`), 'the typed address is kept');
    }
  });

  test('after repeated failures even the right password is refused for a while, in the user\'s language', async () => {
    const { user } = await registry.login('vendor');
    await givePassword(registry, user.id);
    const agent = supertest.agent(registry.app);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const formToken = await csrf(agent, '/sign-in');
      await agent.post('/sign-in').set(html).type('form').send({ _csrf: formToken, email: user.email, password: `wrong ${attempt} password` });
    }
    const formToken = await csrf(agent, '/sign-in');
    const refused = await agent.post('/sign-in?lang=ru').set(html).type('form').send({ _csrf: formToken, email: user.email, password: testPassword });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.text, /Слишком много неудачных попыток/);
    assert.equal(sessionCookieOf(refused), undefined);
  });

  test('signing in rotates the session: the id held before is worthless afterwards', async () => {
    const { user } = await registry.login('regulator');
    await givePassword(registry, user.id);
    const agent = supertest.agent(registry.app);
    const formToken = await csrf(agent, '/sign-in');
    const first = await agent.post('/sign-in').set(html).type('form').send({ _csrf: formToken, email: user.email, password: testPassword });
    const firstId = /^irru_session=([^;]+)/.exec(sessionCookieOf(first)!)![1]!;
    // Signed in, the same browser signs in again (the sign-out form's token is the session's).
    const sessionToken = await csrf(agent, '/standards');
    const second = await agent.post('/sign-in').set(html).type('form').send({ _csrf: sessionToken, email: user.email, password: testPassword });
    assert.equal(second.status, 303);
    const secondId = /^irru_session=([^;]+)/.exec(sessionCookieOf(second)!)![1]!;
    assert.notEqual(secondId, firstId);
    assert.equal(await registry.store.webSessions.get(hashSessionId(firstId)), null, 'the session held before sign-in is ended');
    assert.ok(await registry.store.webSessions.get(hashSessionId(secondId)));
  });

  test('sign-out ends the session on the server, not just in the browser', async () => {
    const { user } = await registry.login('customs');
    await givePassword(registry, user.id);
    const agent = supertest.agent(registry.app);
    const formToken = await csrf(agent, '/sign-in');
    const signedIn = await agent.post('/sign-in').set(html).type('form').send({ _csrf: formToken, email: user.email, password: testPassword });
    const sessionId = /^irru_session=([^;]+)/.exec(sessionCookieOf(signedIn)!)![1]!;
    const page = await agent.get('/standards').set(html);
    const out = await agent.post('/sign-out').set(html).type('form').send({ _csrf: csrfOf(page.text) });
    assert.equal(out.status, 303);
    assert.equal(await registry.store.webSessions.get(hashSessionId(sessionId)), null);
    // Replaying the old cookie gets an anonymous page.
    const replay = await supertest(registry.app).get('/standards').set(html).set('Cookie', `irru_session=${sessionId}`);
    assert.doesNotMatch(replay.text, /Signed in as/);
  });

  test('a session ends after its idle time and at its absolute end, and when the user is disabled', async () => {
    const settings = registry.config.sessions;
    const { user } = await registry.login('vendor');
    await givePassword(registry, user.id);
    const { startSession } = await import('../../server/domain/accounts/web-sessions.ts');
    const start = new Date('2026-12-01T08:00:00Z');
    const { sessionId } = await startSession(registry.store, user.id, settings, undefined, start);
    const withinIdle = new Date(start.getTime() + (settings.idleMinutes - 1) * 60_000);
    assert.ok(await resumeSession(registry.store, sessionId, settings, withinIdle));
    // Activity keeps it alive past the first idle window, but never past the absolute end.
    const later = new Date(withinIdle.getTime() + (settings.idleMinutes - 1) * 60_000);
    assert.ok(await resumeSession(registry.store, sessionId, settings, later));
    const idle = new Date(later.getTime() + (settings.idleMinutes + 1) * 60_000);
    assert.equal(await resumeSession(registry.store, sessionId, settings, idle), null);
    assert.equal(await registry.store.webSessions.get(hashSessionId(sessionId)), null, 'an ended session is deleted');

    const second = await startSession(registry.store, user.id, settings, undefined, start);
    let clock = start.getTime();
    const end = start.getTime() + settings.absoluteHours * 3_600_000;
    while (clock + 10 * 60_000 < end) {
      clock += 10 * 60_000;
      assert.ok(await resumeSession(registry.store, second.sessionId, settings, new Date(clock)));
    }
    assert.equal(await resumeSession(registry.store, second.sessionId, settings, new Date(end + 1000)), null);

    const { disableUser } = await import('../../server/domain/accounts/users.ts');
    const admin = await registry.login('admin');
    const third = await startSession(registry.store, user.id, settings);
    await disableUser(registry.store, { actor: { userId: admin.user.id, email: admin.user.email, role: 'admin', orgId: admin.user.orgId, jurisdiction: null }, requestId: null }, user.id);
    assert.equal(await resumeSession(registry.store, third.sessionId, settings), null);
  });

  test('a page for signed-in users sends a browser to sign in and back', async () => {
    const response = await supertest(registry.app).get('/account?lang=fa').set(html);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent('/account?lang=fa')}`);
  });

  test('after sign-in the browser goes to `next` only when it is a path on this registry', async () => {
    const { user } = await registry.login('vendor');
    await givePassword(registry, user.id);
    for (const [next, expected] of [['/standards', '/standards'], ['//evil.example/x', '/submissions'], ['https://evil.example', '/submissions'], ['/\\evil.example', '/submissions']] as const) {
      const agent = supertest.agent(registry.app);
      const formToken = await csrf(agent, '/sign-in');
      const response = await agent.post('/sign-in').set(html).type('form').send({ _csrf: formToken, email: user.email, password: testPassword, next });
      assert.equal(response.headers.location, expected, next);
    }
  });
});

describe('forms that arrive stale', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry.close());

  test('a form without a valid CSRF token does nothing and offers to send what was typed again', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const response = await agent.post('/sign-out').set(html).type('form').send({ _csrf: 'forged', note: 'ключ «Δ» <b>bold</b>' });
    assert.equal(response.status, 403);
    assert.match(response.text, /This form has expired/);
    assert.match(response.text, /name="note" value="ключ «Δ» &lt;b&gt;bold&lt;\/b&gt;"/, 'the typed value is kept, escaped');
    const fresh = csrfOf(response.text);
    assert.notEqual(fresh, 'forged');
    // The session is intact: nothing happened.
    assert.match((await agent.get('/standards').set(html)).text, new RegExp(`Signed in as ${user.name}`));
  });

  test('a form sent after the session ended asks to sign in and then re-sends it, passwords never echoed', async () => {
    const { agent, user } = await signInAs(registry, 'vendor');
    const page = await agent.get('/standards').set(html);
    const token = csrfOf(page.text);
    await registry.store.transaction((tx) => tx.webSessions.deleteOfUser(user.id));
    const stale = await agent.post('/account/password').set(html).type('form').send({ _csrf: token, comment: 'my long comment', password: 'secret-password' });
    assert.equal(stale.status, 401);
    assert.match(stale.text, /Your session ended before the form was sent/);
    assert.match(stale.text, /my long comment/);
    assert.doesNotMatch(stale.text, /secret-password/);
    const resend = /name="resend" value="([^"]+)"/.exec(stale.text)![1]!.replaceAll('&quot;', '"').replaceAll('&#x3D;', '=');
    const signedIn = await agent.post('/sign-in').set(html).type('form').send({ _csrf: csrfOf(stale.text), email: user.email, password: testPassword, resend, resendTo: '/account/password' });
    assert.equal(signedIn.status, 200);
    assert.match(signedIn.text, /Send your form again/);
    assert.match(signedIn.text, /<form method="post" action="\/account\/password"/);
    assert.match(signedIn.text, /name="comment" value="my long comment"/);
  });
});

describe('error pages and languages', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry.close());

  test('browsers get an HTML error page in their language; API clients get problem+json', async () => {
    const page = await supertest(registry.app).get('/no-such-page').set(html).set('Accept-Language', 'fa-IR,fa;q=0.9,en;q=0.5');
    assert.equal(page.status, 404);
    assert.match(page.type, /html/);
    assert.match(page.text, /<html lang="fa" dir="rtl">/);
    assert.match(page.text, /یافت نشد/);
    const api = await supertest(registry.app).get('/api/v1/no-such-route').set(html);
    assert.equal(api.status, 404);
    assert.equal(api.type, 'application/problem+json');
    const noAccept = await supertest(registry.app).get('/no-such-page');
    assert.equal(noAccept.type, 'application/problem+json');
  });

  test('the language switch is remembered in a cookie and wins over Accept-Language', async () => {
    const agent = supertest.agent(registry.app);
    const chosen = await agent.get('/standards?lang=ru').set(html).set('Accept-Language', 'fa');
    assert.match(chosen.text, /<html lang="ru" dir="ltr">/);
    const later = await agent.get('/standards').set(html).set('Accept-Language', 'fa');
    assert.match(later.text, /<html lang="ru" dir="ltr">/);
    assert.match(later.text, /Стандарты/);
    // Each language link keeps the page and its query.
    assert.match(later.text, /href="\/standards\?lang(=|&#x3D;)fa"/);
  });

  test('the sign-in page has labelled fields and a form that works without JavaScript', async () => {
    const page = await supertest(registry.app).get('/sign-in?lang=fa').set(html);
    assert.match(page.text, /<label for="email">نشانی رایانامه<\/label>/);
    assert.match(page.text, /<label for="password">گذرواژه<\/label>/);
    assert.match(page.text, /<form method="post" action="\/sign-in"/);
    assert.doesNotMatch(page.text, /<script/);
  });
});
