import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { signInAs } from '../helpers/web.ts';

/** 1.1.0: the power limit tightened, its Persian title reworded, a clause 5.3 added whose title holds markup. */
function nextVersion(version: string) {
  const doc = radioDocument(version);
  const properties = doc.schema.properties as Record<string, Record<string, unknown>>;
  properties.power!.maximum = 20;
  properties.power!['x-title'] = { en: 'Output power', ru: 'Output power (ru)', fa: 'توان خروجی' };
  properties.standby = { 'x-clause': '5.3', 'x-title': { en: '<i>Standby</i> power', ru: 'Мощность в режиме ожидания', fa: 'توان حالت آماده‌به‌کار' }, 'x-unit': 'W', type: 'number', maximum: 0.5 };
  return doc;
}

const html = (agent: request.Agent | ReturnType<typeof request>, path: string) => (agent as ReturnType<typeof request>).get(path).set('Accept', 'text/html');
const selected = (page: string, name: string) => new RegExp(`<select id="diff-${name}" name="${name}"[^>]*>[\\s\\S]*?<option value="([^"]+)" selected>`).exec(page)?.[1];

describe('the clause diff page', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry({ shipped: true });
    const regulator = (await registry.login('regulator')).auth;
    for (const doc of [commonDocument, radioDocument('1.0.0'), nextVersion('1.1.0')]) {
      await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(doc).expect(201);
      await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulator).expect(200);
    }
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send(nextVersion('1.2.0')).expect(201);
  });
  after(() => registry.close());

  it('when two versions are compared, then changed clauses show old and new values side by side, added clauses their rules', async () => {
    const res = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.0.0&to=1.1.0').expect(200);
    const changed = res.text.slice(res.text.indexOf('id="diff-changed"'), res.text.indexOf('id="diff-added"'));
    assert.match(changed, /<h3 id="changed-5\.1"><bdi class="token"><code>5\.1<\/code><\/bdi> <bdi>Output power<\/bdi><\/h3>/);
    assert.match(changed, /<th scope="row">Limit · <bdi class="token"><code>maximum<\/code><\/bdi><\/th>\s*<td><bdi class="token"><code>power<\/code><\/bdi><\/td>\s*<td><bdi><code>23<\/code><\/bdi><\/td>\s*<td><bdi><code>20<\/code><\/bdi><\/td>/);
    assert.match(changed, /Title · <span lang="fa">فارسی<\/span><\/th>\s*<td><\/td>\s*<td><bdi lang="fa">Output power \(fa\)<\/bdi><\/td>\s*<td><bdi lang="fa">توان خروجی<\/bdi><\/td>/);
    const added = res.text.slice(res.text.indexOf('id="diff-added"'), res.text.indexOf('id="diff-removed"'));
    assert.match(added, /<bdi class="token"><code>5\.3<\/code><\/bdi> <bdi>&lt;i&gt;Standby&lt;\/i&gt; power<\/bdi>/);
    assert.doesNotMatch(res.text, /<i>Standby/);
    assert.match(added, /<bdi class="token">W<\/bdi>/);
    assert.match(added, /Limit · <bdi class="token"><code>maximum<\/code><\/bdi><\/th>\s*<td><bdi class="token"><code>standby<\/code><\/bdi><\/td>\s*<td><bdi><code>0\.5<\/code><\/bdi>/);
    assert.match(res.text.slice(res.text.indexOf('id="diff-removed"')), /None\./);
    assert.equal(selected(res.text, 'from'), '1.0.0');
    assert.equal(selected(res.text, 'to'), '1.1.0');
  });

  it('when Persian or Russian is chosen, then the page is in that language and shows that language\'s titles', async () => {
    const fa = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.0.0&to=1.1.0&lang=fa').expect(200);
    assert.match(fa.text, /<html lang="fa" dir="rtl">/);
    for (const text of ['بندهای تغییریافته', 'بندهای افزوده‌شده', 'مقدار قدیم', 'حد', 'توان حالت آماده‌به‌کار']) assert.ok(fa.text.includes(text), text);
    const ru = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.0.0&to=1.1.0&lang=ru').expect(200);
    for (const text of ['Изменённые пункты', 'Прежнее значение', 'Предельное значение', 'Мощность в режиме ожидания']) assert.ok(ru.text.includes(text), text);
  });

  it('when a version is missing, malformed or unknown, then the form is shown again with the error next to the field', async () => {
    const missing = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.0.0').expect(400);
    assert.match(missing.text, /name="to" aria-invalid="true" aria-describedby="to-error"/);
    assert.match(missing.text, /<p class="field-error" id="to-error">Choose a version\.<\/p>/);
    assert.doesNotMatch(missing.text, /id="diff-changed"/);
    const malformed = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=%3Cb%3E&to=1.1.0&lang=ru').expect(400);
    assert.match(malformed.text, /<p class="field-error" id="from-error">Это не номер версии \(например, 1\.0\.0\)\.<\/p>/);
    assert.doesNotMatch(malformed.text, /<b>/);
    const unknown = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.0.0&to=9.9.9').expect(404);
    assert.match(unknown.text, /<p class="field-error" id="to-error">This standard has no such version\.<\/p>/);
    await html(request(registry.app), '/standards/NO-SUCH/diff?from=1.0.0&to=1.0.0').expect(404);
  });

  it('when opened without versions, then the picker proposes the newest version against the one before it', async () => {
    const res = await html(request(registry.app), '/standards/TEST-RADIO/diff').expect(200);
    assert.equal(selected(res.text, 'from'), '1.0.0');
    assert.equal(selected(res.text, 'to'), '1.1.0');
    assert.doesNotMatch(res.text, /value="1\.2\.0"/);
  });

  it('when a draft is asked for, then a visitor is refused with the reason and a regulator sees the comparison', async () => {
    const refused = await html(request(registry.app), '/standards/TEST-RADIO/diff?from=1.1.0&to=1.2.0').expect(403);
    assert.match(refused.text, /id="to-error">This version is a draft; only regulators see drafts\./);
    const { agent } = await signInAs(registry, 'regulator');
    const res = await agent.get('/standards/TEST-RADIO/diff?from=1.1.0&to=1.2.0').set('Accept', 'text/html').expect(200);
    assert.match(res.text, /id="diff-identical">The two versions state every clause identically\./);
    assert.match(res.text, /<option value="1\.2\.0" selected>1\.2\.0 \(draft\)<\/option>/);
  });

  it('the standard page carries the version picker: this version against the one before it', async () => {
    const res = await html(request(registry.app), '/standards/TEST-RADIO/1.1.0').expect(200);
    assert.match(res.text, /<form method="get" action="\/standards\/TEST-RADIO\/diff"/);
    assert.equal(selected(res.text, 'from'), '1.0.0');
    assert.equal(selected(res.text, 'to'), '1.1.0');
    const single = await html(request(registry.app), '/standards/TEST-COMMON/1.0.0').expect(200);
    assert.doesNotMatch(single.text, /action="\/standards\/TEST-COMMON\/diff"/);
  });

  it('a shipped standard compared with itself shows no changes', async () => {
    const res = await html(request(registry.app), '/standards/IRRU-WLAN/diff?from=1.0.0&to=1.0.0&lang=fa').expect(200);
    assert.match(res.text, /id="diff-identical">هر دو نسخه همه بندها را یکسان بیان می‌کنند\./);
    assert.doesNotMatch(res.text, /<h3 id="changed-/);
  });
});
