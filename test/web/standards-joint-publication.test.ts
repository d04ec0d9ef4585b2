import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { csrf, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** A shared standard document of `code` (one clause on an integer); `limit` changes its content hash. */
function sharedDocument(code: string, limit = 23) {
  return {
    code, version: '1.0.0', category: 'mobile-ue', shared: true,
    title: { en: `Joint ${code}`, ru: `Совместный ${code}`, fa: `مشترک ${code}` },
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:${code}:1.0.0`, type: 'object',
      properties: { power: { 'x-clause': '5.1', 'x-title': { en: 'Power', ru: 'Мощность', fa: 'توان' }, type: 'number', maximum: limit } },
    },
  };
}

const pageOf = (code: string) => `/manage/standards/${code}/1.0.0`;

/** Posts one of the page's joint publication forms with the page's CSRF token (and, to approve, the hash the page shows). */
async function post(agent: Agent, code: string, action: 'approve' | 'approval/withdraw', fields: Record<string, string> = {}, lang = 'en') {
  const token = await csrf(agent, pageOf(code));
  return agent.post(`${pageOf(code)}/${action}?lang=${lang}`).set(html).type('form').send({ ...fields, _csrf: token });
}

/** The content hash the approval form carries. */
async function formHash(agent: Agent, code: string): Promise<string> {
  const page = await agent.get(pageOf(code)).set(html);
  return /name="contentHash" value="([0-9a-f]{64})"/.exec(page.text)![1]!;
}

describe('joint publication on the standards pages', () => {
  let registry: TestRegistry;
  let irOwner: Agent;
  let ownerAuth: string;
  let ru: Agent;
  let vendor: Agent;

  before(async () => {
    registry = await startRegistry();
    const owner = await signInAs(registry, 'regulator', { org: 'Iranian authority <b>(test)</b>', jurisdiction: 'IR' });
    irOwner = owner.agent;
    ownerAuth = owner.auth;
    ru = (await signInAs(registry, 'regulator', { org: 'Russian authority (test)', jurisdiction: 'RU' })).agent;
    vendor = (await signInAs(registry, 'vendor')).agent;
    for (const code of ['TEST-JWEB', 'TEST-JSTALE']) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', ownerAuth).send(sharedDocument(code)).expect(201);
    }
  });
  after(() => registry.close());

  test('a shared draft shows what is missing and an approval form instead of Publish; approving records it and shows who approved what', async () => {
    const page = await irOwner.get(pageOf('TEST-JWEB')).set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, /Joint publication by Iran and Russia/);
    assert.match(page.text, /id="joint-missing">Still waiting for the approval of: <bdi class="token">IR<\/bdi> \(Iran\), <bdi class="token">RU<\/bdi> \(Russia\)/);
    assert.doesNotMatch(page.text, /action="\/manage\/standards\/TEST-JWEB\/1\.0\.0\/publish"/, 'a shared draft is not published by one authority');
    const hash = (await registry.store.standards.get('TEST-JWEB', '1.0.0'))!.contentHash;
    assert.equal(await formHash(irOwner, 'TEST-JWEB'), hash);

    const unconfirmed = await post(irOwner, 'TEST-JWEB', 'approve', { contentHash: hash });
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.text, /<p class="field-error" id="confirmApproval-error">Tick the box to confirm the approval\.<\/p>/);
    assert.deepEqual(await registry.store.standardApprovals.listForVersion('TEST-JWEB', '1.0.0'), []);

    const response = await post(irOwner, 'TEST-JWEB', 'approve', { contentHash: hash, confirmApproval: 'yes' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/manage/standards/TEST-JWEB/1.0.0?approval=given');
    const stored = await registry.store.standardApprovals.listForVersion('TEST-JWEB', '1.0.0');
    assert.deepEqual(stored.map((a) => [a.jurisdiction, a.contentHash, a.withdrawnAt]), [['IR', hash, null]]);

    const after = await irOwner.get(`${response.headers.location}&lang=ru`).set(html);
    assert.match(after.text, /Одобрение TEST-JWEB 1\.0\.0 вашим органом записано\./);
    assert.match(after.text, /<tr data-approval="IR" data-standing="true">/);
    assert.match(after.text, /<bdi>Iranian authority &lt;b&gt;\(test\)&lt;\/b&gt;<\/bdi>/, 'the authority name escaped, in <bdi>');
    assert.match(after.text, new RegExp(`<span class="hash">${hash}</span>`));
    assert.match(after.text, /Ещё ожидается одобрение: <bdi class="token">RU<\/bdi> \(Россия\)/);
    assert.match(after.text, /action="\/manage\/standards\/TEST-JWEB\/1\.0\.0\/approval\/withdraw"/);
    assert.doesNotMatch(after.text, /name="contentHash"/, 'IR has approved: no second approval form for IR');
  });

  test('the Russian authority approves through its page in Persian; the version is published and its public page lists both approvals', async () => {
    const hash = await formHash(ru, 'TEST-JWEB');
    const response = await post(ru, 'TEST-JWEB', 'approve', { contentHash: hash, confirmApproval: 'yes' }, 'fa');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/manage/standards/TEST-JWEB/1.0.0?approval=published');
    assert.equal((await registry.store.standards.get('TEST-JWEB', '1.0.0'))?.status, 'published');
    const managed = await ru.get(`${response.headers.location}&lang=fa`).set(html);
    assert.match(managed.text, /هر دو کشور تأیید کردند: TEST-JWEB 1\.0\.0 منتشر شد\./);
    assert.doesNotMatch(managed.text, /approval\/withdraw"/, 'no withdrawal after publication');

    const published = await request(registry.app).get('/standards/TEST-JWEB/1.0.0').set(html).expect(200);
    assert.match(published.text, /Published with the approvals below\./);
    assert.match(published.text, /<tr data-approval="IR" data-standing="true">/);
    assert.match(published.text, /<tr data-approval="RU" data-standing="true">/);
    assert.match(published.text, /<bdi>Russian authority \(test\)<\/bdi>/);
    assert.doesNotMatch(published.text, /<form method="post"/, 'the public page has no forms');
  });

  test('withdrawing through the form stops the approval counting and says so', async () => {
    const hash = await formHash(irOwner, 'TEST-JSTALE');
    assert.equal((await post(irOwner, 'TEST-JSTALE', 'approve', { contentHash: hash, confirmApproval: 'yes' })).status, 303);
    const response = await post(irOwner, 'TEST-JSTALE', 'approval/withdraw');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/manage/standards/TEST-JSTALE/1.0.0?approval=withdrawn');
    const [withdrawn] = await registry.store.standardApprovals.listForVersion('TEST-JSTALE', '1.0.0');
    assert.equal(withdrawn?.withdrawnReason, 'withdrawn');
    const page = await irOwner.get(response.headers.location!).set(html);
    assert.match(page.text, /Your authority&#x27;s approval of TEST-JSTALE 1\.0\.0 is withdrawn\./);
    assert.match(page.text, /<tr data-approval="IR" data-standing="false">/);
    assert.match(page.text, /no: withdrawn on /);
    assert.match(page.text, /name="contentHash"/, 'IR may approve again');
  });

  test('approving a content hash the draft no longer has re-shows the form with the error next to it, and nothing is stored', async () => {
    const read = await formHash(ru, 'TEST-JSTALE');
    await request(registry.app).post('/api/v1/standards').set('Authorization', ownerAuth).send(sharedDocument('TEST-JSTALE', 20)).expect(201);
    const before = await registry.store.standardApprovals.listForVersion('TEST-JSTALE', '1.0.0');
    const response = await post(ru, 'TEST-JSTALE', 'approve', { contentHash: read, confirmApproval: 'yes' }, 'ru');
    assert.equal(response.status, 409);
    assert.match(response.text, /<p class="field-error" id="contentHash-error">Проект был заменён после того, как вы открыли страницу/);
    assert.deepEqual(await registry.store.standardApprovals.listForVersion('TEST-JSTALE', '1.0.0'), before);
    const malformed = await post(ru, 'TEST-JSTALE', 'approve', { contentHash: 'nonsense', confirmApproval: 'yes' });
    assert.equal(malformed.status, 422);
    assert.match(malformed.text, /id="contentHash-error">The form did not carry a valid content hash/);
  });

  test('a vendor sees no approval forms and its posted approval is refused', async () => {
    const page = await vendor.get(pageOf('TEST-JSTALE')).set(html);
    assert.equal(page.status, 403);
    const hash = (await registry.store.standards.get('TEST-JSTALE', '1.0.0'))!.contentHash;
    const token = await csrf(vendor, '/account');
    const response = await vendor.post(`${pageOf('TEST-JSTALE')}/approve`).set(html).type('form').send({ _csrf: token, contentHash: hash, confirmApproval: 'yes' });
    assert.equal(response.status, 403);
    assert.equal((await registry.store.standardApprovals.listForVersion('TEST-JSTALE', '1.0.0')).filter((a) => a.withdrawnAt === null).length, 0);
  });
});
