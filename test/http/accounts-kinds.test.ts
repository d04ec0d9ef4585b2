import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('accounts: organisation kinds and the roles that fit them', () => {
  let registry: TestRegistry;
  let admin: string;
  before(async () => {
    registry = await startRegistry();
    admin = (await registry.login('admin')).auth;
    await registry.login('vendor', { org: 'Acme Mobile' });
    await registry.login('regulator', { org: 'CRA', jurisdiction: 'IR' });
  });
  after(() => registry.close());

  const create = (body: Record<string, unknown>, auth = admin) => request(registry.app).post('/api/v1/users').set('Authorization', auth).send(body);
  const lastSeq = async () => (await registry.store.audit.last())?.seq ?? 0;

  async function assertRefused(body: Record<string, unknown>, path: string, rule: RegExp) {
    const before = await lastSeq();
    const res = await create(body).expect(422);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.body.code, 'role_mismatch');
    assert.equal(res.body.errors[0].path, path);
    assert.match(res.body.errors[0].message, rule);
    assert.equal(await registry.store.users.findByEmail(String(body.email)), null);
    assert.equal(await lastSeq(), before);
    return res;
  }

  it('when a regulator is put into a vendor\'s organisation, then 422 role_mismatch names /org and nothing is written', async () => {
    await assertRefused({ email: 'reg@acme.example', name: 'R', role: 'regulator', org: 'Acme Mobile', jurisdiction: 'IR' }, '/org', /kind vendor.*regulator.*authority/);
  });

  it('when a vendor is put into an authority, then 422 role_mismatch names /org and nothing is written', async () => {
    await assertRefused({ email: 'v@cra.example', name: 'V', role: 'vendor', org: 'CRA' }, '/org', /kind authority/);
  });

  it('when a regulator of RU is put into an IR authority, then 422 role_mismatch names /jurisdiction and nothing is written', async () => {
    await assertRefused({ email: 'ru@cra.example', name: 'R', role: 'regulator', org: 'CRA', jurisdiction: 'RU' }, '/jurisdiction', /belongs to IR, not RU/);
  });

  it('when a new organisation\'s kind does not fit the role, then 422 names /orgKind and neither user nor organisation is created', async () => {
    await assertRefused({ email: 'c@new.example', name: 'C', role: 'customs', org: 'New Customs', orgKind: 'vendor', jurisdiction: 'IR' }, '/orgKind', /customs belongs to .* customs, not vendor/);
    assert.equal(await registry.store.organisations.findByName('New Customs'), null);
  });

  it('when an admin creates a customs officer, then 201 with a token that works, a customs-kind organisation and an audit event', async () => {
    const res = await create({ email: 'Officer@FCS.example', name: 'O', role: 'customs', org: 'FCS', jurisdiction: 'RU' }).expect(201);
    assert.equal(res.body.user.email, 'officer@fcs.example');
    assert.match(res.body.token, /^irru_/);
    const org = await registry.store.organisations.findByName('FCS');
    assert.deepEqual([org?.kind, org?.jurisdiction], ['customs', 'RU']);
    const [token] = await registry.store.users.listTokens(res.body.user.id);
    assert.equal(token!.id, res.body.tokenId);
    const lifetimeDays = (Date.parse(token!.expiresAt) - Date.parse(token!.createdAt)) / 86_400_000;
    assert.equal(lifetimeDays, registry.config.tokenLifetimeDays);
    const mine = await request(registry.app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    assert.deepEqual(mine.body.tokens.map((t: { id: string; status: string }) => [t.id, t.status]), [[res.body.tokenId, 'active']]);
    assert.doesNotMatch(JSON.stringify(mine.body), /tokenHash|irru_/);
    const event = (await registry.store.audit.last())!;
    assert.deepEqual([event.action, event.subject, event.summary.organisationKind], ['user.create', `user:${res.body.user.id}`, 'customs']);
  });

  it('when a vendor tries to create a user, then 403 and nothing is written', async () => {
    const vendor = (await registry.login('vendor')).auth;
    const before = await lastSeq();
    const res = await create({ email: 'sneaky@example.org', name: 'S', role: 'admin', org: 'Mine' }, vendor).expect(403);
    assert.equal(res.body.code, 'forbidden');
    assert.equal(await registry.store.users.findByEmail('sneaky@example.org'), null);
    assert.equal(await lastSeq(), before);
  });

  it('when the body has an unknown organisation kind, then 400 names /orgKind', async () => {
    const res = await create({ email: 'k@example.org', name: 'K', role: 'vendor', org: 'K', orgKind: 'guild' }).expect(400);
    assert.equal(res.body.errors[0].path, '/orgKind');
    assert.equal(await registry.store.organisations.findByName('K'), null);
  });
});
