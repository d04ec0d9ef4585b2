import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { conformingRadioSpec, radioDocument, radioSpec } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, createSubmission, publishTestStandards } from '../helpers/submissions.ts';
import { signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const day = 86_400_000;

/** The cells of a table (by id) as text: header row first, then each body row, then the footer. */
function tableRows(page: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(page)?.[1];
  assert.ok(table, `the page has a table #${id}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()));
}

/** The month (YYYY-MM) `offset` months before the current one. */
function monthAgo(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 15)).toISOString().slice(0, 7);
}

describe('the statistics page', () => {
  let registry: TestRegistry;
  let vendor: string;
  let ir: { agent: Agent; auth: string };
  let ru: { agent: Agent; auth: string };

  async function create(standard: string, jurisdictions: Array<'IR' | 'RU'>, specs: unknown[]): Promise<string> {
    const { id } = await createSubmission(registry, vendor, { standard, jurisdictions, spec: specs[0] });
    for (const spec of specs.slice(1)) await request(registry.app).put(`/api/v1/submissions/${id}`).set('Authorization', vendor).send({ spec }).expect(200);
    await act(registry, vendor, id, 'submit').expect(200);
    return id;
  }

  async function decide(auth: string, id: string, decision: string, comment?: string) {
    await act(registry, auth, id, 'review').expect(200);
    await act(registry, auth, id, 'decision', comment ? { decision, comment } : { decision }).expect(200);
  }

  /** Moves a track's submission time back (the store keeps what the workflow wrote; tests need other months and durations). */
  async function backdate(id: string, jurisdiction: 'IR' | 'RU', submittedAt: Date) {
    await registry.store.transaction(async (tx) => {
      const submission = (await tx.submissions.get(id))!;
      const tracks = submission.tracks.map((track) => (track.jurisdiction === jurisdiction ? { ...track, submittedAt: submittedAt.toISOString() } : track));
      await tx.submissions.update({ ...submission, tracks });
    });
  }

  before(async () => {
    registry = await startRegistry();
    const irLogin = await signInAs(registry, 'regulator', { jurisdiction: 'IR' });
    ir = { agent: irLogin.agent, auth: irLogin.auth };
    const ruLogin = await signInAs(registry, 'regulator', { jurisdiction: 'RU' });
    ru = { agent: ruLogin.agent, auth: ruLogin.auth };
    await publishTestStandards(registry, ir.auth);
    // A second category: the radio standard's rules under another code, for mobile equipment.
    const phone = radioDocument();
    const phoneDocument = { ...phone, code: 'TEST-PHONE', category: 'mobile-ue', schema: { ...phone.schema, $id: 'urn:irru:std:TEST-PHONE:1.0.0' } };
    await request(registry.app).post('/api/v1/standards').set('Authorization', ir.auth).send(phoneDocument).expect(201);
    await request(registry.app).post('/api/v1/standards/TEST-PHONE/1.0.0/publish').set('Authorization', ir.auth).expect(200);
    vendor = (await registry.login('vendor')).auth;

    const tooPowerful = radioSpec({ power: 30, wifi5: false });
    const noDfs = radioSpec({ power: 30, wifi5: true, dfs: false });
    // IR: A failed 5.1 before it conformed; B failed 5.1 and 5.2, then 5.1 alone; C and D conformed at once.
    const a = await create('TEST-RADIO', ['IR'], [tooPowerful, conformingRadioSpec]);
    const b = await create('TEST-RADIO', ['IR', 'RU'], [noDfs, radioSpec({ power: 25, wifi5: false }), conformingRadioSpec]);
    const c = await create('TEST-PHONE', ['IR'], [conformingRadioSpec]);
    const d = await create('TEST-PHONE', ['IR'], [conformingRadioSpec]);
    // RU only: failed 5.1 too.
    const e = await create('TEST-RADIO', ['RU'], [tooPowerful, conformingRadioSpec]);
    await decide(ir.auth, a, 'approve');
    await decide(ir.auth, b, 'reject', 'Missing test report.');
    await decide(ir.auth, c, 'request_changes', 'Declare the antenna gain.');
    await decide(ru.auth, e, 'approve');
    // Durations from (back-dated) submission to decision: a 1 day, b 3 days, c 10 days; d waits, two months back.
    const now = Date.now();
    await backdate(a, 'IR', new Date(now - 1 * day));
    await backdate(b, 'IR', new Date(now - 3 * day));
    await backdate(c, 'IR', new Date(now - 10 * day));
    await backdate(d, 'IR', new Date(`${monthAgo(2)}-15T12:00:00.000Z`));
  });
  after(() => registry.close());

  test('the monthly table by status has the stored submissions of the regulator\'s jurisdiction', async () => {
    const page = await ir.agent.get('/statistics?lang=en').set(html);
    assert.equal(page.status, 200);
    const rows = tableRows(page.text, 'chart-status-table');
    const header = rows[0]!;
    const statuses = [...page.text.matchAll(/<th scope="col" data-series="([^"]+)">/g)].map((m) => m[1]!).slice(0, header.length - 2);
    // Expected from the store: every IR track submitted within the twelve months shown, by month and status.
    const expected = new Map<string, number>();
    const page1 = await registry.store.submissions.reviewQueue({ jurisdiction: 'IR', statuses: ['submitted', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn'], limit: 100 });
    for (const { submission } of page1.items) {
      const track = submission.tracks.find((t) => t.jurisdiction === 'IR')!;
      const key = `${track.submittedAt!.slice(0, 7)}|${track.status}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...statuses].sort(), [...new Set([...expected.keys()].map((key) => key.split('|')[1]!))].sort());
    const body = rows.slice(1, -1);
    assert.equal(body.length, 12, 'one row per month, months without submissions as zero');
    const months = Array.from({ length: 12 }, (_, i) => monthAgo(11 - i));
    body.forEach((cells, i) => {
      statuses.forEach((status, j) => assert.equal(cells[j + 1], String(expected.get(`${months[i]}|${status}`) ?? 0), `${months[i]} ${status}`));
    });
    assert.equal(rows[rows.length - 1]!.at(-1), '4', 'four IR submissions in all');
    assert.match(page.text, /<svg role="img" aria-labelledby="chart-status-title chart-status-desc"/);
    assert.match(page.text, /<title id="chart-status-title">Submissions per month, by status<\/title>/);
    assert.match(page.text, /<desc id="chart-status-desc">4 submissions from/);
  });

  test('the category table names each category and counts its submissions', async () => {
    const page = await ir.agent.get('/statistics?lang=ru').set(html);
    const rows = tableRows(page.text, 'chart-category-table');
    assert.deepEqual(rows[0], ['Месяц', 'Мобильные телефоны и абонентское оборудование LTE/5G', 'test-radio', 'Всего']);
    assert.deepEqual(rows[rows.length - 1], ['Всего', '2', '2', '4']);
    assert.match(page.text, /<title id="chart-category-title">Заявки по месяцам и категориям оборудования<\/title>/);
  });

  test('the most failed clauses count each IR submission once per clause failed as itself', async () => {
    const page = await ir.agent.get('/statistics?lang=en').set(html);
    const rows = tableRows(page.text, 'failed-clauses').slice(1);
    assert.deepEqual(rows.map((cells) => [cells[0], cells[1], cells[3]]), [['TEST-RADIO 1.0.0', '5.1', '2'], ['TEST-RADIO 1.0.0', '5.2', '1']]);
    assert.match(page.text, /Based on 4 submissions\./);
    assert.match(page.text, /<title id="chart-clauses-title">Most failed clauses<\/title>/);
  });

  test('the time to decision shows the median and 90th percentile of the stored durations', async () => {
    const page = await ir.agent.get('/statistics?lang=en').set(html);
    const rows = tableRows(page.text, 'decision-times');
    assert.deepEqual(rows.slice(1), [['Decisions', '3'], ['Median', '3 days'], ['90th percentile', '10 days']]);
    const hours = [...page.text.matchAll(/data-hours="([^"]+)"/g)].map((m) => Number(m[1]));
    // Nearest rank over the stored tracks: durations 1, 3 and 10 days (to within the milliseconds the decision took).
    assert.ok(Math.abs(hours[0]! - 72) < 0.01 && Math.abs(hours[1]! - 240) < 0.01, `hours ${hours.join(', ')}`);
    assert.match(page.text, /<title id="chart-times-title">Time to decision<\/title>/);
    const persian = await ir.agent.get('/statistics?lang=fa').set(html);
    assert.match(persian.text, /<td data-hours="[^"]+">۳ روز<\/td>/);
  });

  test('an admin sees both jurisdictions, or the one chosen', async () => {
    const { agent } = await signInAs(registry, 'admin');
    const both = await agent.get('/statistics').set(html);
    assert.equal(both.status, 200);
    assert.match(both.text, /<select id="jurisdiction" name="jurisdiction"/);
    const total = (page: string) => tableRows(page, 'chart-status-table').at(-1)!.at(-1);
    assert.equal(total(both.text), '6', 'four IR tracks and two RU tracks');
    assert.deepEqual(tableRows(both.text, 'failed-clauses').slice(1).map((cells) => [cells[1], cells[3]]), [['5.1', '3'], ['5.2', '1']]);
    const russian = await agent.get('/statistics?jurisdiction=RU').set(html);
    assert.equal(total(russian.text), '2');
  });

  test('a regulator sees only their own jurisdiction, whatever the address asks', async () => {
    const page = await ru.agent.get('/statistics?jurisdiction=IR&lang=en').set(html);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /<select id="jurisdiction"/);
    assert.equal(tableRows(page.text, 'chart-status-table').at(-1)!.at(-1), '2');
    assert.match(page.text, /Submissions sent to Russia for review/);
  });

  test('a wrong period is shown next to its field in the user\'s language; a vendor gets the 403 page', async () => {
    const wrong = await ir.agent.get('/statistics?lang=ru&from=2026-13&to=2020-01').set(html);
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /id="from-error">Введите месяц в виде ГГГГ-ММ/);
    assert.doesNotMatch(wrong.text, /<svg role="img"/);
    const tooLong = await ir.agent.get('/statistics?lang=en&from=2020-01&to=2026-01').set(html);
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /id="to-error">At most 36 months at a time\./);
    const { agent } = await signInAs(registry, 'vendor');
    const refused = await agent.get('/statistics').set(html);
    assert.equal(refused.status, 403);
  });
});
