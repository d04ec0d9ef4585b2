import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exeBytes, pdfBytes } from '../fixtures/upload-files.ts';
import { conformingRadioSpec } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, publishTestStandards } from '../helpers/submissions.ts';
import { csrf, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const radio = 'TEST-RADIO@1.0.0';

/** The generated form's fields for a TEST-RADIO product, with the given technical values. */
function radioFields(values: Record<string, string | string[]>): Record<string, string | string[]> {
  return {
    '/identification/manufacturer/name': 'Acme Radio', '/identification/brand': 'Acme', '/identification/model': 'AR-100',
    '/identification/hsCode': '8517', '/identification/countryOfOrigin': 'CN', '/targetMarkets': ['IR', 'RU'], ...values,
  };
}

/** The id in a /submissions/<id> redirect. */
function submissionIdOf(location: string | undefined): string {
  const match = /^\/submissions\/([0-9a-f-]{36})(\?|$)/.exec(location ?? '');
  assert.ok(match, `not a submission page: ${location}`);
  return match[1]!;
}

describe('the vendor\'s pages', () => {
  let registry: TestRegistry;
  let vendor: { agent: Agent; auth: string; orgId: string };
  let regulator: string;

  /** Posts the new-submission form (CSRF token taken from the form page) in `lang`. */
  async function postNew(fields: Record<string, string | string[]>, lang = 'en') {
    const token = await csrf(vendor.agent, `/submissions/new?standard=${radio}&lang=${lang}`);
    return vendor.agent.post(`/submissions/new?lang=${lang}`).set(html).type('form').send({ standard: radio, jurisdictions: 'IR', ...fields, _csrf: token });
  }

  async function storedSubmissions() {
    return (await registry.store.submissions.list({ orgId: vendor.orgId, limit: 100 })).items;
  }

  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator', { jurisdiction: 'IR' })).auth;
    await publishTestStandards(registry, regulator);
    const login = await signInAs(registry, 'vendor', { org: 'Acme Radio (vendor pages)' });
    vendor = { agent: login.agent, auth: login.auth, orgId: login.user.orgId };
  });
  after(() => registry.close());

  test('when a vendor opens the TEST-RADIO form in Persian, then its labels are the Persian clause titles, units beside numbers, the conditional DFS field hidden', async () => {
    const page = await vendor.agent.get(`/submissions/new?standard=${radio}&lang=fa`).set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="fa" dir="rtl">/);
    assert.match(page.text, /<label for="field-power"><bdi class="token">5\.1<\/bdi> <bdi>Output power \(fa\)<\/bdi> <span class="meta">\(الزامی\)<\/span><\/label>/);
    assert.match(page.text, /<input id="field-power" name="\/power" type="number" value="" dir="ltr" inputmode="decimal" step="any" max="23"[^>]*> <bdi class="token unit">dBm<\/bdi>/);
    assert.match(page.text, /<legend><bdi class="token">4\.0<\/bdi> <bdi>Product identification \(fa\)<\/bdi>/);
    assert.match(page.text, /name="\/targetMarkets" value="IR"/);
    assert.doesNotMatch(page.text, /name="\/dfs"/, 'DFS is required only when 5 GHz is declared');
    assert.match(page.text, /name="_csrf" value="[^"]+"/);
  });

  test('when 5 GHz is declared and the form is updated, then the DFS section appears, labelled by its clause, and nothing is stored', async () => {
    const before = (await storedSubmissions()).length;
    const page = await postNew(radioFields({ '/power': '20', '/wifi5': 'true', _action: 'refresh' }), 'fa');
    assert.equal(page.status, 200);
    assert.match(page.text, /<label for="field-dfs"><bdi class="token">5\.2<\/bdi> <bdi>Dynamic frequency selection \(fa\)<\/bdi>/);
    assert.match(page.text, /<option value="true" selected>بله<\/option>/, 'the typed wifi5 answer is kept');
    assert.equal((await storedSubmissions()).length, before);
  });

  test('when "add another" is pressed for the variants, then the form comes back with one more row and the typed values', async () => {
    const page = await postNew(radioFields({ '/identification/variants/0': 'AR-100 white', _action: 'add:/identification/variants' }));
    assert.equal(page.status, 200);
    assert.match(page.text, /name="\/identification\/variants\/0" type="text" value="AR-100 white"/);
    assert.match(page.text, /name="\/identification\/variants\/1" type="text" value=""/);
    assert.match(page.text, /name="\/identification\/variants\/2" type="text" value=""/);
  });

  test('a vendor checks a failing value in Persian, sees the failing clause linked to its field, fixes it, compares revisions and submits for review', async () => {
    const created = await postNew(radioFields({ '/power': '۳۰', '/wifi5': 'false' }), 'fa');
    assert.equal(created.status, 303, created.text);
    const id = submissionIdOf(created.headers.location);
    const first = await registry.store.submissions.getRevision(id, 1);
    assert.equal((first!.spec as { power: number }).power, 30, 'Persian digits are stored as the number');
    assert.equal(first!.conforms, false);
    assert.deepEqual((await registry.store.submissions.get(id))!.tracks.map((t) => [t.jurisdiction, t.status]), [['IR', 'draft']]);

    const result = await vendor.agent.get(`/submissions/${id}?lang=fa`).set(html);
    assert.equal(result.status, 200);
    const row = /<tr class="result-fail">\s*<th scope="row"><bdi class="token">5\.1<\/bdi><\/th>[\s\S]*?<\/tr>/.exec(result.text)?.[0] ?? '';
    assert.match(row, /<bdi>Output power \(fa\)<\/bdi>/);
    assert.match(row, /<span class="icon" aria-hidden="true">✗<\/span> ردشده/);
    assert.match(row, /<bdi class="value">۳۰<\/bdi> <bdi class="token unit">dBm<\/bdi>/);
    assert.match(row, /باید حداکثر/, 'the engine\'s Persian message');
    assert.match(row, /<a href="#field-power">رفتن به فیلد<\/a>/);
    assert.match(result.text, /<input id="field-power" name="\/power" type="number" value="30"/, 'the link leads to the field, holding the stored value');
    assert.match(result.text, /<button type="button" disabled aria-describedby="submit-why">/, 'not submittable while failing, and it says why');
    const early = await vendor.agent.post(`/submissions/${id}/submit?lang=fa`).set(html).type('form').send({ _csrf: await csrf(vendor.agent, `/submissions/${id}`) });
    assert.equal(early.status, 409);
    assert.match(early.text, /<p class="notice bad" role="alert" id="action-error">فقط ویرایش منطبق قابل ارسال است/);
    assert.equal((await registry.store.submissions.get(id))!.status, 'draft');

    const fixToken = await csrf(vendor.agent, `/submissions/${id}`);
    const fixed = await vendor.agent.post(`/submissions/${id}/revise?lang=fa`).set(html).type('form')
      .send({ ...radioFields({ '/power': '20', '/wifi5': 'false' }), revision: '1', _csrf: fixToken });
    assert.equal(fixed.status, 303, fixed.text);
    const second = await registry.store.submissions.getRevision(id, 2);
    assert.equal(second!.conforms, true);
    assert.equal((second!.spec as { power: number }).power, 20);
    assert.equal((await registry.store.submissions.getRevision(id, 1))!.conforms, false, 'the failing revision is kept');
    const stale = await vendor.agent.post(`/submissions/${id}/revise?lang=en`).set(html).type('form')
      .send({ ...radioFields({ '/power': '22', '/wifi5': 'false' }), revision: '1', _csrf: fixToken });
    assert.equal(stale.status, 422, 'a form made from revision 1 never overwrites revision 2');
    assert.match(stale.text, /The submission was changed meanwhile \(it is now at revision 2\)/);
    assert.match(stale.text, /name="\/power" type="number" value="22"/, 'what was typed is kept');
    assert.equal((await registry.store.submissions.listRevisions(id)).length, 2);
    const conforming = await vendor.agent.get(`/submissions/${id}?lang=fa`).set(html);
    assert.match(conforming.text, /<p class="notice ok" role="status"><span aria-hidden="true">✓ <\/span>مشخصات منطبق است/);

    const diff = await vendor.agent.get(`/submissions/${id}/revisions?from=1&to=2&lang=fa`).set(html);
    assert.equal(diff.status, 200);
    assert.match(diff.text, /<tr class="diff-changed">\s*<th scope="row"><bdi class="token"><code>\/power<\/code><\/bdi><\/th>\s*<td><span aria-hidden="true">≠<\/span> تغییریافته<\/td>\s*<td><bdi>۳۰<\/bdi><\/td>\s*<td><bdi>۲۰<\/bdi><\/td>/);

    const submitToken = await csrf(vendor.agent, `/submissions/${id}`);
    const submitted = await vendor.agent.post(`/submissions/${id}/submit?lang=fa`).set(html).type('form').send({ _csrf: submitToken });
    assert.equal(submitted.status, 303);
    const stored = await registry.store.submissions.get(id);
    assert.equal(stored!.status, 'submitted');
    assert.equal(stored!.tracks[0]!.status, 'submitted');
    assert.equal(stored!.revision, 2);
  });

  test('when another vendor opens or submits someone else\'s submission, then they get the 404 page and nothing changes', async () => {
    const created = await postNew(radioFields({ '/power': '20', '/wifi5': 'false' }));
    const id = submissionIdOf(created.headers.location);
    const other = await signInAs(registry, 'vendor', { org: 'Other Radio Works (vendor pages)' });
    const page = await other.agent.get(`/submissions/${id}?lang=ru`).set(html);
    assert.equal(page.status, 404);
    assert.match(page.text, /<h1>Не найдено<\/h1>/);
    assert.doesNotMatch(page.text, /AR-100/);
    const token = await csrf(other.agent, '/submissions');
    const submit = await other.agent.post(`/submissions/${id}/submit`).set(html).type('form').send({ _csrf: token });
    assert.equal(submit.status, 404);
    assert.equal((await registry.store.submissions.get(id))!.status, 'draft');
    const dashboard = await other.agent.get('/submissions').set(html);
    assert.doesNotMatch(dashboard.text, new RegExp(id));
  });

  test('when a number is malformed, then the form comes back with the error next to the field, the typed text kept, and nothing stored', async () => {
    const before = (await storedSubmissions()).length;
    const page = await postNew(radioFields({ '/power': '12,5,0', '/wifi5': 'false' }), 'ru');
    assert.equal(page.status, 422);
    assert.match(page.text, /<p class="field-error" id="field-power-error">Введите число, например 12,5/);
    assert.match(page.text, /<input id="field-power" name="\/power" type="text" value="12,5,0"[^>]*aria-describedby="field-power-error" aria-invalid="true">/);
    assert.match(page.text, /<a href="#field-power"><bdi>Output power \(ru\)<\/bdi><\/a>/, 'the error summary links to the field');
    assert.match(page.text, /value="AR-100"/, 'the other typed values are kept');
    assert.equal((await storedSubmissions()).length, before);
  });

  test('when a decimal comma is typed, then the number is stored normalised', async () => {
    const created = await postNew(radioFields({ '/power': '12,5', '/wifi5': 'false' }));
    assert.equal(created.status, 303);
    const revision = await registry.store.submissions.getRevision(submissionIdOf(created.headers.location), 1);
    assert.equal((revision!.spec as { power: number }).power, 12.5);
    assert.equal(revision!.conforms, true);
  });

  test('when no jurisdiction is chosen or one the spec does not declare, then the error is next to the choice and nothing is stored', async () => {
    const before = (await storedSubmissions()).length;
    const none = await postNew({ ...radioFields({ '/power': '20' }), jurisdictions: [] }, 'ru');
    assert.equal(none.status, 422);
    assert.match(none.text, /<p class="field-error" id="field-jurisdictions-error">Выберите хотя бы одну юрисдикцию/);
    const undeclared = await postNew({ ...radioFields({ '/power': '20', '/targetMarkets': 'RU' }), jurisdictions: 'IR' }, 'en');
    assert.equal(undeclared.status, 422);
    assert.match(undeclared.text, /<p class="field-error" id="field-jurisdictions-error">Iran is not among the target markets the specification declares/);
    assert.match(undeclared.text, /id="field-targetMarkets-1" name="\/targetMarkets" value="RU" checked/);
    assert.equal((await storedSubmissions()).length, before);
  });

  test('when the CSRF token is stale, then the stale-form page keeps the typed values and nothing is stored', async () => {
    const before = (await storedSubmissions()).length;
    const page = await vendor.agent.post('/submissions/new?lang=fa').set(html).type('form')
      .send({ standard: radio, jurisdictions: 'IR', ...radioFields({ '/power': '21' }), _csrf: 'not-the-token' });
    assert.equal(page.status, 403);
    assert.match(page.text, /<h1>این فرم منقضی شده است<\/h1>/);
    assert.match(page.text, /<input type="hidden" name="\/power" value="21">/);
    assert.equal((await storedSubmissions()).length, before);
  });

  test('when a spec file is uploaded, then it is checked and opens as a submission; a file that is not JSON is refused next to the file field', async () => {
    const token = await csrf(vendor.agent, '/submissions/new');
    const uploaded = await vendor.agent.post('/submissions/new/upload').set(html)
      .field('_csrf', token).field('standard', radio).field('jurisdictions', 'IR')
      .attach('spec', Buffer.from(JSON.stringify(conformingRadioSpec)), { filename: 'spec.json', contentType: 'application/json' });
    assert.equal(uploaded.status, 303, uploaded.text);
    const revision = await registry.store.submissions.getRevision(submissionIdOf(uploaded.headers.location), 1);
    assert.deepEqual(revision!.spec, conformingRadioSpec);

    const before = (await storedSubmissions()).length;
    const refused = await vendor.agent.post('/submissions/new/upload?lang=ru').set(html)
      .field('_csrf', token).field('standard', radio).field('jurisdictions', 'IR')
      .attach('spec', pdfBytes, { filename: 'spec.json', contentType: 'application/json' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<p class="field-error" id="spec-error">Файл не является спецификацией в формате JSON/);
    assert.equal((await storedSubmissions()).length, before);
  });

  test('when a datasheet is attached, then it is listed and downloads; an executable is refused next to the file field', async () => {
    const created = await postNew(radioFields({ '/power': '20', '/wifi5': 'false' }));
    const id = submissionIdOf(created.headers.location);
    const token = await csrf(vendor.agent, `/submissions/${id}`);
    const attached = await vendor.agent.post(`/submissions/${id}/attachments`).set(html)
      .field('_csrf', token).field('kind', 'datasheet').attach('file', pdfBytes, { filename: 'datasheet.pdf', contentType: 'application/pdf' });
    assert.equal(attached.status, 303, attached.text);
    const [stored] = await registry.store.attachments.list(id);
    assert.equal(stored!.mediaType, 'application/pdf');
    const page = await vendor.agent.get(`/submissions/${id}`).set(html);
    assert.match(page.text, new RegExp(`<a href="/submissions/${id}/attachments/${stored!.id}" download><bdi>datasheet\\.pdf</bdi></a>`));
    const download = await vendor.agent.get(`/submissions/${id}/attachments/${stored!.id}`).buffer(true);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(download.body as Buffer), pdfBytes);

    const refused = await vendor.agent.post(`/submissions/${id}/attachments?lang=fa`).set(html)
      .field('_csrf', token).field('kind', 'other').attach('file', exeBytes, { filename: 'tool.pdf', contentType: 'application/pdf' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<p class="field-error" id="file-error">این نوع پرونده پذیرفته نیست/);
    assert.equal((await registry.store.attachments.list(id)).length, 1);
  });

  test('when a submission is approved, then "my certificates" lists its certificate with PDFs in the three languages, and only to its vendor', async () => {
    const created = await postNew(radioFields({ '/power': '20', '/wifi5': 'false' }));
    const id = submissionIdOf(created.headers.location);
    const token = await csrf(vendor.agent, `/submissions/${id}`);
    await vendor.agent.post(`/submissions/${id}/submit`).set(html).type('form').send({ _csrf: token }).expect(303);
    await act(registry, regulator, id, 'review').expect(200);
    await act(registry, regulator, id, 'decision', { decision: 'approve' }).expect(200);
    const [certificate] = await registry.store.certificates.listBySubmission(id);
    assert.ok(certificate);

    const page = await vendor.agent.get('/my-certificates?lang=ru').set(html);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<a href="/certificates/${certificate.number}"><bdi class="token">${certificate.number}</bdi></a>`));
    for (const lang of ['en', 'ru', 'fa']) assert.match(page.text, new RegExp(`href="/api/v1/certificates/${certificate.number}\\.pdf\\?lang(=|&#x3D;)${lang}"`));
    assert.match(page.text, /<span aria-hidden="true">✓<\/span> действует/);

    const other = await signInAs(registry, 'vendor', { org: 'Another Maker (vendor pages)' });
    const theirs = await other.agent.get('/my-certificates').set(html);
    assert.equal(theirs.status, 200);
    assert.doesNotMatch(theirs.text, new RegExp(certificate.number));
    const customs = await signInAs(registry, 'customs');
    assert.equal((await customs.agent.get('/my-certificates').set(html)).status, 403);
  });

  test('the dashboard lists the vendor\'s submissions newest first, filtered by status, with the last check in one line', async () => {
    const page = await vendor.agent.get('/submissions?status=submitted&lang=en').set(html);
    assert.equal(page.status, 200);
    const submitted = (await storedSubmissions()).filter((s) => s.status === 'submitted');
    assert.ok(submitted.length > 0);
    for (const submission of submitted) assert.match(page.text, new RegExp(`href="/submissions/${submission.id}"`));
    assert.doesNotMatch(page.text, /<td>draft/);
    assert.match(page.text, /<span aria-hidden="true">✓<\/span> conforms/);
    const all = await vendor.agent.get('/submissions').set(html);
    const ids = [...all.text.matchAll(/<a href="\/submissions\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
    const newestFirst = (await storedSubmissions()).map((s) => s.id).slice(0, ids.length);
    assert.deepEqual(ids, newestFirst);
  });
});
