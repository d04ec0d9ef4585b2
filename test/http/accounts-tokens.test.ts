import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { issueToken } from '../../server/domain/accounts/api-tokens.ts';
import { consoleOperator } from '../../server/domain/accounts/actor.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('accounts: token expiry, listing, revocation, rotation and disabled users', () => {
  let registry: TestRegistry;
  let admin: string;
  before(async () => {
    registry = await startRegistry();
    admin = (await registry.login('admin')).auth;
  });
  after(() => registry.close());

  const api = () => request(registry.app);
  const bearer = (token: string) => `Bearer ${token}`;
  const lastSeq = async () => (await registry.store.audit.last())?.seq ?? 0;
  const whoAmI = (auth: string) => api().get('/api/v1/me/tokens').set('Authorization', auth);

  it('when a user revokes their own token, then 200, the token is 401 at once, and the revocation is stored and audited', async () => {
    const { auth, user } = await registry.login('vendor');
    const [token] = await registry.store.users.listTokens(user.id);
    const res = await api().post(`/api/v1/tokens/${token!.id}/revoke`).set('Authorization', auth).expect(200);
    assert.equal(res.body.status, 'revoked');
    const refused = await whoAmI(auth).expect(401);
    assert.equal(refused.body.code, 'unauthenticated');
    assert.match(refused.body.detail, /revoked/);
    assert.ok((await registry.store.users.getToken(token!.id))?.revokedAt);
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.actorId, event.summary.tokenId], ['token.revoke', user.id, token!.id]);
  });

  it('when a user tries to list or revoke someone else\'s token, then 403 and nothing is written', async () => {
    const owner = await registry.login('vendor');
    const other = await registry.login('vendor');
    const [token] = await registry.store.users.listTokens(owner.user.id);
    const before = await lastSeq();
    assert.equal((await api().post(`/api/v1/tokens/${token!.id}/revoke`).set('Authorization', other.auth).expect(403)).body.code, 'forbidden');
    await api().get(`/api/v1/users/${owner.user.id}/tokens`).set('Authorization', other.auth).expect(403);
    assert.equal((await registry.store.users.getToken(token!.id))?.revokedAt, null);
    assert.equal(await lastSeq(), before);
    await whoAmI(owner.auth).expect(200);
  });

  it('when a token is revoked twice, then 409 invalid_state and its first revocation time stays', async () => {
    const { user } = await registry.login('vendor');
    const [token] = await registry.store.users.listTokens(user.id);
    await api().post(`/api/v1/tokens/${token!.id}/revoke`).set('Authorization', admin).expect(200);
    const first = (await registry.store.users.getToken(token!.id))?.revokedAt;
    const before = await lastSeq();
    assert.equal((await api().post(`/api/v1/tokens/${token!.id}/revoke`).set('Authorization', admin).expect(409)).body.code, 'invalid_state');
    assert.equal((await registry.store.users.getToken(token!.id))?.revokedAt, first);
    assert.equal(await lastSeq(), before);
  });

  it('when a token has expired, then it gets 401 saying so', async () => {
    const { user } = await registry.login('regulator');
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    const { token } = await issueToken(registry.store, { actor: consoleOperator, requestId: null }, user.id, { expiresInDays: 1 }, { now: longAgo });
    const res = await whoAmI(bearer(token)).expect(401);
    assert.match(res.body.detail, /expired/);
  });

  it('when an admin issues and lists tokens, then the new token works, shows once, and the list has labels and statuses but no secrets', async () => {
    const { user } = await registry.login('customs');
    const issued = await api().post(`/api/v1/users/${user.id}/tokens`).set('Authorization', admin).send({ name: 'border laptop', expiresInDays: 7 }).expect(201);
    assert.match(issued.body.token, /^irru_/);
    await whoAmI(bearer(issued.body.token)).expect(200);
    const listed = await api().get(`/api/v1/users/${user.id}/tokens`).set('Authorization', admin).expect(200);
    assert.deepEqual(listed.body.tokens.map((t: { name: string; status: string }) => [t.name, t.status]), [['border laptop', 'active'], ['initial', 'active']]);
    assert.doesNotMatch(JSON.stringify(listed.body), /irru_|tokenHash/);
    assert.equal((await registry.store.audit.last())!.action, 'token.issue');
  });

  it('when an admin rotates a token, then the new one works, the old one is 401 at once, and both happen in one audited step', async () => {
    const { auth, user } = await registry.login('vendor');
    const [old] = await registry.store.users.listTokens(user.id);
    const res = await api().post(`/api/v1/users/${user.id}/tokens/rotate`).set('Authorization', admin).send({ tokenId: old!.id }).expect(201);
    assert.deepEqual(res.body.revoked, [old!.id]);
    assert.equal(res.body.name, 'initial');
    await whoAmI(bearer(res.body.token)).expect(200);
    await whoAmI(auth).expect(401);
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.summary.revoked, event.summary.tokenId], ['token.rotate', [old!.id], res.body.id]);
  });

  it('when a vendor tries to rotate or issue tokens, then 403 and no token is added', async () => {
    const { auth, user } = await registry.login('vendor');
    await api().post(`/api/v1/users/${user.id}/tokens/rotate`).set('Authorization', auth).send({}).expect(403);
    await api().post(`/api/v1/users/${user.id}/tokens`).set('Authorization', auth).send({}).expect(403);
    assert.equal((await registry.store.users.listTokens(user.id)).length, 1);
  });

  it('when an admin disables a user, then every token of that user is 401 at once and the user is marked disabled', async () => {
    const { auth, user } = await registry.login('regulator');
    await whoAmI(auth).expect(200);
    const res = await api().post(`/api/v1/users/${user.id}/disable`).set('Authorization', admin).expect(200);
    assert.ok(res.body.disabledAt);
    assert.match((await whoAmI(auth).expect(401)).body.detail, /disabled/);
    assert.equal((await registry.store.users.get(user.id))?.disabledAt, res.body.disabledAt);
    assert.equal((await registry.store.audit.last())!.action, 'user.disable');
    const before = await lastSeq();
    await api().post(`/api/v1/users/${user.id}/tokens`).set('Authorization', admin).send({}).expect(409);
    assert.equal(await lastSeq(), before);
  });

  it('when a non-admin tries to disable a user, then 403 and the user stays enabled', async () => {
    const target = await registry.login('vendor');
    const regulator = (await registry.login('regulator')).auth;
    await api().post(`/api/v1/users/${target.user.id}/disable`).set('Authorization', regulator).expect(403);
    assert.equal((await registry.store.users.get(target.user.id))?.disabledAt, null);
    await whoAmI(target.auth).expect(200);
  });
});
