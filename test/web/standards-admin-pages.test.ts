import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { publishTestStandards } from '../helpers/submissions.ts';
import { csrf, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** A small standard document of `code` (a clause 1 on an integer), with overrides of its schema. */
function standardDocument(code: string, version = '1.0.0', schema: Record<string, unknown> = {}) {
  return {
    code, version, category: 'mobile-ue',
    title: { en: `Test ${code}`, ru: `Тест ${code}`, fa: `آزمون ${code}` },
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:${code}:${version}`, type: 'object',
      properties: { power: { 'x-clause': '5.1', 'x-title': { en: 'Power', ru: 'Мощность', fa: 'توان' }, type: 'number', maximum: 23 } },
      ...schema,
    },
  };
}

/** Uploads through the form: the document as a JSON file, or pasted into the text area. */
async function upload(agent: Agent, document: unknown, how: 'file' | 'paste' = 'file', lang = 'en') {
  const token = await csrf(agent, '/manage/standards');
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const form = agent.post(`/manage/standards?lang=${lang}`).set(html).field('_csrf', token);
  return how === 'file' ? form.attach('file', Buffer.from(text), { filename: 'standard.json', contentType: 'application/json' }) : form.field('document', text);
}

async function lifecycle(agent: Agent, code: string, action: 'publish' | 'withdraw', fields: Record<string, string> = {}) {
  const token = await csrf(agent, `/manage/standards/${code}/1.0.0`);
  return agent.post(`/manage/standards/${code}/1.0.0/${action}`).set(html).type('form').send({ ...fields, _csrf: token });
}

describe('standards management pages', () => {
  let registry: TestRegistry;
  let regulator: Agent;
  let otherAuthority: Agent;

  before(async () => {
    registry = await startRegistry();
    const owner = await signInAs(registry, 'regulator', { org: 'Communications Regulatory Authority (test)', jurisdiction: 'IR' });
    regulator = owner.agent;
    otherAuthority = (await signInAs(registry, 'regulator', { org: 'Another authority (test)', jurisdiction: 'RU' })).agent;
    await publishTestStandards(registry, owner.auth);
  });
  after(() => registry.close());

  test('a regulator uploads a JSON file through the form; it is stored as a draft of their authority and shown with its actions', async () => {
    const response = await upload(regulator, standardDocument('TEST-UP'));
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/manage/standards/TEST-UP/1.0.0?done=uploaded');
    const stored = await registry.store.standards.get('TEST-UP', '1.0.0');
    assert.equal(stored?.status, 'draft');
    const owner = await registry.store.organisations.findByName('Communications Regulatory Authority (test)');
    assert.equal(stored?.ownerOrgId, owner?.id);
    const page = await regulator.get(response.headers.location!).set(html);
    assert.match(page.text, /TEST-UP 1\.0\.0 is stored as a draft/);
    assert.match(page.text, /data-status="draft"/);
    assert.match(page.text, /action="\/manage\/standards\/TEST-UP\/1\.0\.0\/publish"/);
    assert.match(page.text, /Mobile phones and LTE\/5G user equipment/, 'the category by its name');
    const list = await regulator.get('/manage/standards').set(html);
    assert.match(list.text, /<tr data-standard="TEST-UP@1\.0\.0">/);
  });

  test('a pasted document is uploaded the same way', async () => {
    const response = await upload(regulator, standardDocument('TEST-PASTE'), 'paste');
    assert.equal(response.status, 303);
    assert.equal((await registry.store.standards.get('TEST-PASTE', '1.0.0'))?.status, 'draft');
  });

  test('a schema that does not compile is shown in the user\'s language with the compiler\'s English detail, and nothing is stored', async () => {
    const broken = standardDocument('TEST-BROKEN', '1.0.0', { properties: { power: { 'x-clause': '5.1', type: 'numbr' } } });
    const response = await upload(regulator, broken, 'file', 'ru');
    assert.equal(response.status, 422);
    assert.match(response.text, /Схема не компилируется или нарушает правило безопасности/);
    assert.match(response.text, /Технические подробности \(на английском\)/);
    assert.match(response.text, /<div lang="en" dir="ltr">\s*<p><code>schema does not compile: schema is invalid: data\/properties\/power\/type must be equal to one of the allowed values/);
    assert.equal(await registry.store.standards.get('TEST-BROKEN', '1.0.0'), null);
  });

  test('text that is not JSON, a document of the wrong shape and an empty form are each explained next to the field', async () => {
    const notJson = await upload(regulator, '{ "code": ', 'paste', 'fa');
    assert.equal(notJson.status, 422);
    assert.match(notJson.text, /id="document-error">این متن JSON معتبر \(UTF-8\) نیست\./);
    assert.match(notJson.text, /\{ &quot;code&quot;: <\/textarea>/, 'the pasted text is kept');
    const wrongShape = await upload(regulator, { code: 'lower-case', version: '1', category: 'x', title: {}, schema: {} }, 'file', 'en');
    assert.equal(wrongShape.status, 422);
    assert.match(wrongShape.text, /id="file-error">The document is not shaped like a standard document/);
    assert.match(wrongShape.text, /<code>\/code<\/code>/, 'each problem names its place');
    const token = await csrf(regulator, '/manage/standards');
    const empty = await regulator.post('/manage/standards').set(html).field('_csrf', token).field('document', '');
    assert.equal(empty.status, 422);
    assert.match(empty.text, /id="file-error">Choose a file or paste a JSON document\./);
  });

  test('publishing a draft makes it the published version; the public clause table then shows it', async () => {
    await upload(regulator, standardDocument('TEST-PUB'));
    const response = await lifecycle(regulator, 'TEST-PUB', 'publish');
    assert.equal(response.status, 303);
    assert.equal((await registry.store.standards.get('TEST-PUB', '1.0.0'))?.status, 'published');
    const page = await regulator.get(response.headers.location!).set(html);
    assert.match(page.text, /TEST-PUB 1\.0\.0 is published\./);
    const clauses = await request(registry.app).get('/standards/TEST-PUB/1.0.0').set(html).expect(200);
    assert.match(clauses.text, /<bdi class="token"><code>5\.1<\/code><\/bdi>/);
  });

  test('withdrawing needs the confirmation; with it the version is withdrawn', async () => {
    await upload(regulator, standardDocument('TEST-WD'));
    await lifecycle(regulator, 'TEST-WD', 'publish');
    const unconfirmed = await lifecycle(regulator, 'TEST-WD', 'withdraw');
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.text, /id="confirm-error">Tick the box to confirm the withdrawal\./);
    assert.equal((await registry.store.standards.get('TEST-WD', '1.0.0'))?.status, 'published');
    const confirmed = await lifecycle(regulator, 'TEST-WD', 'withdraw', { confirm: 'yes' });
    assert.equal(confirmed.status, 303);
    assert.equal((await registry.store.standards.get('TEST-WD', '1.0.0'))?.status, 'withdrawn');
    const page = await regulator.get(confirmed.headers.location!).set(html);
    assert.match(page.text, /TEST-WD 1\.0\.0 is withdrawn\./);
    assert.doesNotMatch(page.text, /\/withdraw"/, 'no withdraw form for a withdrawn version');
  });

  test('a regulator of another authority sees the version but cannot publish it', async () => {
    await upload(regulator, standardDocument('TEST-OWNED'));
    const page = await otherAuthority.get('/manage/standards/TEST-OWNED/1.0.0').set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, /Only regulators of the authority that owns TEST-OWNED may publish or withdraw it\./);
    assert.doesNotMatch(page.text, /\/publish"/);
    const refused = await lifecycle(otherAuthority, 'TEST-OWNED', 'publish');
    assert.equal(refused.status, 403);
    assert.equal((await registry.store.standards.get('TEST-OWNED', '1.0.0'))?.status, 'draft');
    const replaced = await upload(otherAuthority, standardDocument('TEST-OWNED'));
    assert.equal(replaced.status, 403);
    assert.match(replaced.text, /belongs to another authority/);
  });

  test('a vendor cannot see or use the management pages', async () => {
    const { agent } = await signInAs(registry, 'vendor');
    const page = await agent.get('/manage/standards?lang=fa').set(html);
    assert.equal(page.status, 403);
    assert.match(page.text, /اجازه این کار را ندارید/);
    const token = await csrf(agent, '/standards');
    const uploaded = await agent.post('/manage/standards').set(html).field('_csrf', token).field('document', JSON.stringify(standardDocument('TEST-VENDOR')));
    assert.equal(uploaded.status, 403);
    assert.equal(await registry.store.standards.get('TEST-VENDOR', '1.0.0'), null);
    const published = await agent.post('/manage/standards/TEST-RADIO/1.0.0/withdraw').set(html).type('form').send({ _csrf: token, confirm: 'yes' });
    assert.equal(published.status, 403);
    assert.equal((await registry.store.standards.get('TEST-RADIO', '1.0.0'))?.status, 'published');
  });

  test('an admin reads every version without the upload form', async () => {
    const { agent } = await signInAs(registry, 'admin');
    const page = await agent.get('/manage/standards').set(html);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /enctype="multipart\/form-data"/);
    assert.match(page.text, /Regulators of an authority upload, publish and withdraw standards/);
    assert.match(page.text, /<tr data-standard="TEST-RADIO@1\.0\.0">/);
  });

  test('the public catalog names categories in the reader\'s language and shows an unknown one as its code', async () => {
    const page = await request(registry.app).get('/standards?lang=fa').set(html).expect(200);
    assert.match(page.text, /<bdi>تعاریف مشترک<\/bdi>/, 'the category "common" by its Persian name');
    assert.match(page.text, /<bdi class="token"><code>test-radio<\/code><\/bdi>/);
    assert.doesNotMatch(page.text, /<bdi>common<\/bdi>/);
    const one = await request(registry.app).get('/standards/TEST-COMMON/1.0.0?lang=ru').set(html).expect(200);
    assert.match(one.text, /Общие определения/);
    assert.match(one.text, /<th scope="row"><bdi class="token"><code>C\.1<\/code><\/bdi><\/th>/);
  });
});
