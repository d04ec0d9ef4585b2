import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { pdfBytes } from '../fixtures/upload-files.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, createSubmission, publishTestStandards } from '../helpers/submissions.ts';
import { csrf, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** The submission ids of the queue's rows, in page order. */
function queueIds(page: string): string[] {
  return [...page.matchAll(/<tr data-submission="([^"]+)">/g)].map((match) => match[1]!);
}

describe('the regulator\'s review pages', () => {
  let registry: TestRegistry;
  let vendor: string;
  let ir: { agent: Agent; auth: string };
  let ru: { agent: Agent; auth: string };

  /** A conforming TEST-RADIO submission created and submitted by the vendor to the jurisdictions. */
  async function submitted(jurisdictions: Array<'IR' | 'RU'>, model = 'AR-100'): Promise<string> {
    const { id } = await createSubmission(registry, vendor, { jurisdictions, product: { manufacturer: 'Acme Radio', brand: 'Acme', model, hsCode: '8517', countryOfOrigin: 'CN' }, spec: { identification: { manufacturer: { name: 'Acme Radio' }, brand: 'Acme', model, hsCode: '8517', countryOfOrigin: 'CN' }, targetMarkets: ['IR', 'RU'], power: 20, wifi5: false } });
    await act(registry, vendor, id, 'submit').expect(200);
    return id;
  }

  /** Posts a form of the review page of `id` (its CSRF token taken from that page). */
  async function post(agent: Agent, id: string, action: 'take' | 'decision', fields: Record<string, string> = {}, lang = 'en') {
    const token = await csrf(agent, `/review/${id}`);
    return agent.post(`/review/${id}/${action}?lang=${lang}`).set(html).type('form').send({ ...fields, _csrf: token });
  }

  before(async () => {
    registry = await startRegistry();
    const irLogin = await signInAs(registry, 'regulator', { jurisdiction: 'IR' });
    ir = { agent: irLogin.agent, auth: irLogin.auth };
    const ruLogin = await signInAs(registry, 'regulator', { jurisdiction: 'RU' });
    ru = { agent: ruLogin.agent, auth: ruLogin.auth };
    await publishTestStandards(registry, ir.auth);
    vendor = (await registry.login('vendor', { org: 'Acme Radio (vendor)' })).auth;
  });
  after(() => registry.close());

  test('a regulator of IR sees the submissions sent to IR only, the longest waiting first', async () => {
    const first = await submitted(['IR'], 'Q-1');
    const russian = await submitted(['RU'], 'Q-2');
    const both = await submitted(['IR', 'RU'], 'Q-3');
    const page = await ir.agent.get('/review').set(html);
    assert.equal(page.status, 200);
    const ids = queueIds(page.text);
    assert.ok(!ids.includes(russian), 'a submission sent only to RU is not in the IR queue');
    assert.ok(ids.includes(first) && ids.includes(both));
    assert.ok(ids.indexOf(first) < ids.indexOf(both), 'oldest first');
    // The page's order is the stored order of the IR tracks' submission times.
    const submittedAt = await Promise.all(ids.map(async (id) => (await registry.store.submissions.get(id))!.tracks.find((t) => t.jurisdiction === 'IR')!.submittedAt!));
    assert.deepEqual([...submittedAt].sort(), submittedAt);
    assert.match(page.text, /<bdi>Acme Radio<\/bdi> <bdi class="token">Q-1<\/bdi>/);
    const russianPage = await ru.agent.get('/review').set(html);
    assert.ok(queueIds(russianPage.text).includes(russian));
    assert.ok(!queueIds(russianPage.text).includes(first));
  });

  test('the queue pages by cursor through every waiting submission, in order, and filters by status and date', async () => {
    for (let i = 0; i < 21; i += 1) await submitted(['RU'], `P-${i}`);
    const seen: string[] = [];
    let next: string | null = '/review';
    while (next) {
      const page: { status: number; text: string } = await ru.agent.get(next).set(html);
      assert.equal(page.status, 200);
      seen.push(...queueIds(page.text));
      next = /<a href="([^"]+)" rel="next">/.exec(page.text)?.[1]?.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=') ?? null;
    }
    const waiting = (await registry.store.submissions.reviewQueue({ jurisdiction: 'RU', statuses: ['submitted', 'under_review'], limit: 1000 })).items.map((item) => item.submission.id);
    assert.ok(waiting.length > 20);
    assert.deepEqual(seen, waiting);
    const none = await ru.agent.get('/review?status=approved&from=2000-01-01&to=2000-12-31').set(html);
    assert.equal(none.status, 200);
    assert.deepEqual(queueIds(none.text), []);
    assert.match(none.text, /No submissions match these filters\./);
  });

  test('wrong filters are shown next to their fields in the user\'s language, and the queue is not listed', async () => {
    const { agent } = await signInAs(registry, 'regulator', { jurisdiction: 'IR' });
    const page = await agent.get('/review?lang=ru&from=2026-02-30&status=nonsense&standard=NOPE').set(html);
    assert.equal(page.status, 400);
    assert.match(page.text, /id="from-error">[^<]*ГГГГ-ММ-ДД/);
    assert.match(page.text, /id="status-error">Выберите статус из списка\./);
    assert.match(page.text, /id="standard-error">Стандарта с таким кодом нет\./);
    assert.match(page.text, /value="2026-02-30"/, 'what was typed is kept');
    assert.deepEqual(queueIds(page.text), []);
    const badCursor = await agent.get('/review?lang=en&cursor=bm9wZQ').set(html);
    assert.equal(badCursor.status, 400);
    assert.match(badCursor.text, /This page link is not valid any more/);
  });

  test('approving takes the submission into review, issues the certificate and the page links it', async () => {
    const id = await submitted(['IR'], 'A-1');
    const before = await ir.agent.get(`/review/${id}`).set(html);
    assert.equal(before.status, 200);
    assert.match(before.text, /Take into review/);
    assert.match(before.text, /<bdi class="token">4\.2<\/bdi>/, 'the clause matrix lists the clauses as tokens');
    const taken = await post(ir.agent, id, 'take');
    assert.equal(taken.status, 303);
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'under_review');
    const approved = await post(ir.agent, id, 'decision', { decision: 'approve', comment: '' });
    assert.equal(approved.status, 303);
    assert.equal(approved.headers.location, `/review/${id}?done=approve`);
    const certificates = await registry.store.certificates.listBySubmission(id);
    assert.equal(certificates.length, 1);
    assert.equal(certificates[0]!.jurisdiction, 'IR');
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'approved');
    const page = await ir.agent.get(approved.headers.location!).set(html);
    assert.match(page.text, /Approved\. The certificate has been issued\./);
    assert.match(page.text, new RegExp(`<a href="/certificates/${certificates[0]!.number}" data-certificate="${certificates[0]!.number}">`));
    assert.match(page.text, /No decision is open: the submission is approved in Iran\./);
  });

  test('rejecting needs a comment; with one, the vendor sees the rejection and the comment', async () => {
    const id = await submitted(['IR'], 'R-1');
    await post(ir.agent, id, 'take');
    const missing = await post(ir.agent, id, 'decision', { decision: 'reject', comment: '  ' }, 'fa');
    assert.equal(missing.status, 422);
    assert.match(missing.text, /id="comment-error">توضیح بنویسید/);
    assert.match(missing.text, /<html lang="fa" dir="rtl">/);
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'under_review', 'nothing was decided');
    const comment = 'Output power test report <b>missing</b> — please attach it.';
    const rejected = await post(ir.agent, id, 'decision', { decision: 'reject', comment });
    assert.equal(rejected.status, 303);
    const seenByVendor = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor).expect(200);
    assert.equal(seenByVendor.body.status, 'rejected');
    assert.equal(seenByVendor.body.jurisdictions[0].lastDecision.comment, comment);
    assert.deepEqual((await registry.store.submissions.listDecisions(id)).map((d) => [d.decision, d.comment]), [['reject', comment]]);
    const page = await ir.agent.get(`/review/${id}`).set(html);
    assert.match(page.text, /Output power test report &lt;b&gt;missing&lt;\/b&gt;/, 'the comment is escaped');
    assert.doesNotMatch(page.text, /<b>missing<\/b>/);
    assert.match(page.text, /data-decision="reject">Rejected</);
  });

  test('requesting changes sends the submission back to the vendor, who sees the state and the comment', async () => {
    const id = await submitted(['IR'], 'C-1');
    await post(ir.agent, id, 'take');
    const response = await post(ir.agent, id, 'decision', { decision: 'request_changes', comment: 'Declare the 5 GHz radio.' });
    assert.equal(response.status, 303);
    const page = await ir.agent.get(response.headers.location!).set(html);
    assert.match(page.text, /Changes requested\. The vendor sees your comment/);
    const stored = (await registry.store.submissions.get(id))!;
    assert.equal(stored.status, 'changes_requested');
    assert.equal(stored.tracks[0]!.comment, 'Declare the 5 GHz radio.');
    const seenByVendor = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor).expect(200);
    assert.equal(seenByVendor.body.jurisdictions[0].status, 'changes_requested');
    assert.equal(seenByVendor.body.jurisdictions[0].lastDecision.comment, 'Declare the 5 GHz radio.');
  });

  test('a decision on a submission that is not under review is refused on the page, and nothing changes', async () => {
    const id = await submitted(['IR'], 'S-1');
    const response = await post(ir.agent, id, 'decision', { decision: 'approve' });
    assert.equal(response.status, 409);
    assert.match(response.text, /The submission changed in the meantime/);
    assert.match(response.text, /Technical details \(English\)/);
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'submitted');
    assert.deepEqual(await registry.store.certificates.listBySubmission(id), []);
  });

  test('attachments are listed and download with their stored bytes', async () => {
    const { id } = await createSubmission(registry, vendor, { jurisdictions: ['IR'] });
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).set('Authorization', vendor).field('kind', 'test-report').attach('file', pdfBytes, 'radio test report.pdf').expect(201);
    await act(registry, vendor, id, 'submit').expect(200);
    const page = await ir.agent.get(`/review/${id}`).set(html);
    const href = /<a href="(\/review\/[^"]+\/attachments\/[^"]+)" download/.exec(page.text)?.[1];
    assert.ok(href, 'the attachment is linked');
    assert.match(page.text, /<bdi>radio test report\.pdf<\/bdi>/);
    const file = await ir.agent.get(href).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.deepEqual(file.body, pdfBytes);
    const elsewhere = await ru.agent.get(href).set(html);
    assert.equal(elsewhere.status, 404, 'a regulator of another jurisdiction cannot fetch it');
  });

  test('a regulator of another jurisdiction is told the submission does not exist', async () => {
    const id = await submitted(['IR'], 'H-1');
    const page = await ru.agent.get(`/review/${id}?lang=ru`).set(html);
    assert.equal(page.status, 404);
    assert.match(page.text, /Не найдено/);
    const refused = await ru.agent.post(`/review/${id}/take`).set(html).type('form').send({ _csrf: await csrf(ru.agent, '/review') });
    assert.equal(refused.status, 404);
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'submitted');
  });

  test('a vendor gets the 403 page on the review queue, in their language', async () => {
    const { agent } = await signInAs(registry, 'vendor');
    const page = await agent.get('/review?lang=ru').set(html);
    assert.equal(page.status, 403);
    assert.match(page.text, /<html lang="ru"/);
    assert.match(page.text, /Действие запрещено/);
    const id = await submitted(['IR'], 'V-1');
    const decision = await agent.post(`/review/${id}/decision`).set(html).type('form').send({ _csrf: await csrf(agent, '/standards'), decision: 'approve' });
    assert.equal(decision.status, 403);
    assert.equal((await registry.store.submissions.get(id))!.tracks[0]!.status, 'submitted');
  });

  test('without a session the queue sends the browser to sign in and back', async () => {
    const response = await request(registry.app).get('/review?status=approved').set(html);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent('/review?status=approved')}`);
  });
});
