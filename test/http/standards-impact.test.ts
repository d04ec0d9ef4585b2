import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { regulatorOf } from '../helpers/certificates.ts';
import { certifyRadio, setStatus, tightenedRadio, uploadDraft } from '../helpers/impact.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { publishTestStandards } from '../helpers/submissions.ts';
import { signIn, givePassword, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html' };
const impactPath = '/api/v1/standards/TEST-RADIO/1.1.0/impact';

describe('impact analysis of a draft and the transition to the published version', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let ru: Awaited<ReturnType<typeof regulatorOf>>;
  let irPage: Agent;
  let ruPage: Agent;
  // Certified under TEST-RADIO 1.0.0 (power ≤ 23 dBm, at least one market); the draft 1.1.0 allows 18 dBm and needs both markets.
  const cert: Record<string, string> = {};

  before(async () => {
    registry = await startRegistry();
    ir = await regulatorOf(registry, 'IR');
    ru = await regulatorOf(registry, 'RU');
    await publishTestStandards(registry, ir.auth);
    cert.low = await certifyRadio(registry, ir.actor, 10);
    cert.high = await certifyRadio(registry, ir.actor, 20);
    cert.highOneMarket = await certifyRadio(registry, ir.actor, 22, ['IR']);
    cert.oneMarket = await certifyRadio(registry, ir.actor, 15, ['IR']);
    cert.revoked = await certifyRadio(registry, ir.actor, 21);
    cert.suspended = await certifyRadio(registry, ir.actor, 19);
    await setStatus(registry, ir.actor, cert.revoked, 'revoke');
    await setStatus(registry, ir.actor, cert.suspended, 'suspend');
    await uploadDraft(registry, ir.auth, tightenedRadio('1.1.0', 18, 2));
    await givePassword(registry, ir.user.id);
    await givePassword(registry, ru.user.id);
    irPage = await signIn(registry, ir.user.email);
    ruPage = await signIn(registry, ru.user.email);
  });
  after(() => registry.close());

  it('when a draft tightens a limit, then exactly the valid and suspended certificates whose specs exceed it are listed with that clause, counted per clause, and stored', async () => {
    const res = await request(registry.app).post(impactPath).set('Authorization', ir.auth).expect(200);
    const failing = Object.fromEntries((res.body.failing as Array<{ number: string; failingClauses: string[]; issuedUnder: string }>).map((f) => [f.number, f.failingClauses]));
    assert.deepEqual(failing, {
      [cert.high!]: ['5.1'], [cert.highOneMarket!]: ['4.2', '5.1'], [cert.oneMarket!]: ['4.2'], [cert.suspended!]: ['5.1'],
    });
    assert.deepEqual(res.body.clauses, [{ clause: '5.1', certificates: 3 }, { clause: '4.2', certificates: 2 }]);
    assert.deepEqual(res.body.run.totals, { checked: 5, conforming: 1, failing: 4, unchecked: 0 });
    assert.equal(res.body.outdated, false);
    assert.ok(res.body.failing.every((f: { issuedUnder: string }) => f.issuedUnder === '1.0.0'));

    const stored = await registry.store.impact.latestRun('TEST-RADIO', '1.1.0');
    assert.equal(stored?.id, res.body.run.id);
    assert.equal(stored?.contentHash, (await registry.store.standards.get('TEST-RADIO', '1.1.0'))?.contentHash);
    assert.deepEqual(stored?.clauseCounts, { '5.1': 3, '4.2': 2 });
    const conforming = await registry.store.impact.outcomes(stored!.id, 'conforms', null, 10);
    assert.deepEqual(conforming.map((o) => o.number), [cert.low]);
    const audit = await registry.store.audit.list({ subject: 'standard:TEST-RADIO@1.1.0', limit: 10 });
    assert.ok(audit.some((event) => event.action === 'standard.impact' && event.actorId === ir.user.id));

    const read = await request(registry.app).get(impactPath).set('Authorization', ru.auth).expect(200);
    assert.deepEqual(read.body.failing, res.body.failing);
  });

  it('when either authority opens the draft’s management page, then it shows the stored result with the counts per clause and the failing certificates', async () => {
    for (const agent of [irPage, ruPage]) {
      const page = await agent.get('/manage/standards/TEST-RADIO/1.1.0').set(html).expect(200);
      const clauses = /<table[^>]*id="impact-clauses"[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
      assert.match(clauses, /<bdi class="token">5\.1<\/bdi><\/td><td>3<\/td>/);
      assert.match(clauses, /<bdi class="token">4\.2<\/bdi><\/td><td>2<\/td>/);
      const failing = /<table[^>]*id="impact-failing"[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
      for (const number of [cert.high, cert.highOneMarket, cert.oneMarket, cert.suspended]) assert.ok(failing.includes(`<bdi class="token">${number}</bdi>`), number);
      for (const number of [cert.low, cert.revoked]) assert.ok(!failing.includes(number!), number);
      assert.doesNotMatch(page.text, /id="impact-outdated"/);
    }
    const persian = await ruPage.get('/manage/standards/TEST-RADIO/1.1.0?lang=fa').set(html).expect(200);
    assert.match(persian.text, /اثر بر محصولات گواهی‌شده/);
  });

  it('when a vendor asks, or the version is not a draft, or unknown, then the analysis is refused with a problem', async () => {
    const vendor = await registry.login('vendor');
    const forbidden = await request(registry.app).post(impactPath).set('Authorization', vendor.auth).expect(403);
    assert.equal(forbidden.headers['content-type']?.split(';')[0], 'application/problem+json');
    const published = await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.0.0/impact').set('Authorization', ir.auth).expect(409);
    assert.match(published.body.detail, /impact analysis is for a draft/);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/9.9.9/impact').set('Authorization', ir.auth).expect(404);
    assert.equal((await registry.store.impact.latestRun('TEST-RADIO', '1.0.0')), null);
  });

  it('when the draft is replaced, then the stored result is shown as outdated until it is run again', async () => {
    const before = (await request(registry.app).get(impactPath).set('Authorization', ir.auth).expect(200)).body;
    await uploadDraft(registry, ir.auth, tightenedRadio('1.1.0', 21, 2));
    const outdated = (await request(registry.app).get(impactPath).set('Authorization', ir.auth).expect(200)).body;
    assert.equal(outdated.outdated, true);
    assert.equal(outdated.run.id, before.run.id);
    const page = await irPage.get('/manage/standards/TEST-RADIO/1.1.0').set(html).expect(200);
    assert.match(page.text, /id="impact-outdated"/);
    assert.ok(page.text.includes(before.run.contentHash));

    const rerun = (await request(registry.app).post(impactPath).set('Authorization', ir.auth).expect(200)).body;
    assert.equal(rerun.outdated, false);
    assert.deepEqual(rerun.clauses, [{ clause: '4.2', certificates: 2 }, { clause: '5.1', certificates: 1 }]);
    assert.notEqual(await registry.store.impact.latestRun('TEST-RADIO', '1.1.0').then((run) => run?.id), before.run.id);
  });

  it('when the transition period is set with bad days, then the form is re-shown with the error next to the field and nothing is stored', async () => {
    const form = await irPage.get('/manage/standards/TEST-RADIO/1.1.0').set(html);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const bad = await irPage.post('/manage/standards/TEST-RADIO/1.1.0/transition').set(html).type('form').send({ _csrf: token, days: '5000' }).expect(422);
    assert.match(bad.text, /<p class="field-error" id="days-error">Enter a whole number of days from 0 to 3650\.<\/p>/);
    assert.match(bad.text, /id="days"[^>]*value="5000"/);
    assert.equal(await registry.store.transitions.get('TEST-RADIO', '1.1.0'), null);
    const api = await request(registry.app).put('/api/v1/standards/TEST-RADIO/1.1.0/transition').set('Authorization', ir.auth).send({ days: -1 }).expect(400);
    assert.equal(api.body.errors[0].path, '/days');
    await request(registry.app).put('/api/v1/standards/TEST-RADIO/1.1.0/transition').set('Authorization', ru.auth).send({ days: 30 }).expect(403);

    const saved = await irPage.post('/manage/standards/TEST-RADIO/1.1.0/transition').set(html).type('form').send({ _csrf: token, days: '۳۰' }).expect(303);
    assert.match(saved.headers.location!, /transition=saved/);
    assert.equal((await registry.store.transitions.get('TEST-RADIO', '1.1.0'))?.plannedDays, 30);
  });

  it('when the draft is published, then its transition is recorded and the register shows the issued-under version and whether each certificate would still conform', async () => {
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.1.0/publish').set('Authorization', ir.auth).expect(200);
    const transition = (await request(registry.app).get('/api/v1/standards/TEST-RADIO/1.1.0/transition').expect(200)).body;
    assert.equal(transition.days, 30);
    assert.deepEqual(transition.supersedes, ['1.0.0']);
    assert.equal(Date.parse(transition.endsAt) - Date.parse(transition.publishedAt), 30 * 86_400_000);
    assert.equal(transition.impactRunId, (await registry.store.impact.latestRun('TEST-RADIO', '1.1.0'))?.id);

    // Certificates under the old version keep their validity.
    assert.equal((await registry.store.register.get(cert.high!))?.status, 'valid');
    const items = (await request(registry.app).get('/api/v1/certificates?standard=TEST-RADIO&limit=100').expect(200)).body.items as Array<{ number: string; status: string; standard: { version: string }; newestStandard: { version: string; wouldConform: string; failingClauses: string[]; transitionEndsAt: string | null } }>;
    const byNumber = new Map(items.map((item) => [item.number, item]));
    assert.equal(byNumber.get(cert.low!)?.standard.version, '1.0.0');
    assert.deepEqual(byNumber.get(cert.low!)?.newestStandard, { version: '1.1.0', wouldConform: 'yes', failingClauses: [], transitionEndsAt: transition.endsAt });
    // The draft as published allows 21 dBm: 20 dBm now conforms, 22 dBm does not.
    assert.equal(byNumber.get(cert.high!)?.newestStandard.wouldConform, 'yes');
    assert.deepEqual(byNumber.get(cert.highOneMarket!)?.newestStandard.failingClauses, ['4.2', '5.1']);
    assert.equal(byNumber.get(cert.oneMarket!)?.newestStandard.wouldConform, 'no');
    // A revoked certificate was not re-checked.
    assert.equal(byNumber.get(cert.revoked!)?.newestStandard.wouldConform, 'unknown');

    const csv = await request(registry.app).get('/api/v1/certificates.csv?standard=TEST-RADIO').expect(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const oneMarket = rows.find((row) => row.number === cert.oneMarket)!;
    assert.deepEqual([oneMarket.standardVersion, oneMarket.newestStandardVersion, oneMarket.wouldConformToNewest, oneMarket.failingClausesOfNewest], ['1.0.0', '1.1.0', 'no', '4.2']);

    const page = await request(registry.app).get('/register?standard=TEST-RADIO&lang=ru').set(html).expect(200);
    assert.match(page.text, /Новейшая версия стандарта/);
    const row = new RegExp(`${cert.oneMarket}[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
    assert.match(row, /<bdi class="token">TEST-RADIO 1\.0\.0<\/bdi>/);
    assert.match(row, /<bdi class="token">1\.1\.0<\/bdi>: <span class="outlook no">Не соответствовал бы<\/span>/);

    const certificatePage = await request(registry.app).get(`/certificates/${cert.highOneMarket}?lang=fa`).set(html).expect(200);
    assert.match(certificatePage.text, /<dd id="newest-standard"><bdi class="token">1\.1\.0<\/bdi>: <span class="outlook no">منطبق نخواهد بود<\/span>/);
  });
});
