import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { searchRegister } from '../../server/domain/register/register-search.ts';
import { formatDateTime } from '../../server/http/web/i18n/format.ts';
import type { CertificateRecord } from '../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { postForm, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** The status forms a page offers, by the action they post to. */
function statusForms(page: string): string[] {
  return [...page.matchAll(/<form method="post" action="\/certificates\/[^/"]+\/(suspend|reinstate|revoke)"/g)].map((match) => match[1]!);
}

function visibleText(page: string): string {
  return page.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('certificate page', () => {
  let registry: TestRegistry;
  let certificate: CertificateRecord;
  let irRegulator: Agent;
  let irRegulatorId: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR', 'Communications Regulatory Authority of I.R. Iran');
    certificate = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor));
    const signedIn = await signInAs(registry, 'regulator', { org: 'Communications Regulatory Authority of I.R. Iran', jurisdiction: 'IR' });
    irRegulator = signedIn.agent;
    irRegulatorId = signedIn.user.id;
  });
  after(() => registry.close());

  test('anyone sees the certificate in the layout: three results, product, scope, clause results, history, PDFs in three languages, and no status forms', async () => {
    const page = await supertest(registry.app).get(`/certificates/${certificate.number}`).set(html).expect(200);
    assert.match(page.text, /<nav aria-label="Main navigation">/);
    assert.match(page.text, /<nav aria-label="Language" class="languages">/);
    assert.match(page.text, new RegExp(`<h1>Certificate <bdi class="token">${certificate.number}</bdi></h1>`));
    assert.deepEqual([...page.text.matchAll(/<section class="result (\w+)"/g)].map((match) => match[1]), ['ok', 'ok', 'ok']);
    assert.match(page.text, /<dd><bdi>EX-5G Pro<\/bdi><\/dd>/);
    assert.match(page.text, /<h2>Results by clause<\/h2>/);
    assert.match(page.text, /<tr><td><bdi class="token">[^<]+<\/bdi><\/td><td><bdi>[^<]+<\/bdi><\/td><td>Pass<\/td><\/tr>/, 'clause ids are unbreakable tokens');
    const issued = (await registry.store.certificates.events(certificate.number))[0]!;
    assert.ok(visibleText(page.text).includes(`${formatDateTime('en', issued.at)} Issued`), 'the issuance in the history');
    for (const lang of ['en', 'ru', 'fa']) assert.ok(page.text.includes(`/api/v1/certificates/${certificate.number}.pdf?lang&#x3D;${lang}`), `${lang} PDF`);
    assert.deepEqual(statusForms(page.text), []);
    assert.match(page.text, /<div class="table-wrap"><table>/, 'wide tables scroll inside the page on a phone');
  });

  test('the printable document is the PDF\'s HTML, in the language asked for', async () => {
    const fa = await supertest(registry.app).get(`/certificates/${certificate.number}/print?lang=fa`).expect(200).expect('Content-Type', /html/);
    assert.match(fa.text, /<html lang="fa" dir="rtl">/);
    assert.ok(fa.text.includes('گواهی انطباق'));
  });

  test('a vendor sees no status forms, and a posted suspension is refused with nothing stored', async () => {
    const { agent } = await signInAs(registry, 'vendor');
    const page = await agent.get(`/certificates/${certificate.number}`).set(html).expect(200);
    assert.deepEqual(statusForms(page.text), []);
    const refused = await postForm(agent, `/certificates/${certificate.number}`, `/certificates/${certificate.number}/suspend`, { reason: 'I would like to' });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /<h1>You may not do this<\/h1>/);
    assert.deepEqual((await registry.store.certificates.events(certificate.number)).map((event) => event.action), ['issued']);
  });

  test('a regulator of another jurisdiction sees no status forms and cannot suspend', async () => {
    const { agent } = await signInAs(registry, 'regulator', { jurisdiction: 'RU' });
    const page = await agent.get(`/certificates/${certificate.number}`).set(html).expect(200);
    assert.deepEqual(statusForms(page.text), []);
    const refused = await postForm(agent, `/certificates/${certificate.number}`, `/certificates/${certificate.number}/suspend`, { reason: 'Not ours to suspend' });
    assert.equal(refused.status, 403);
    assert.equal((await registry.store.certificates.events(certificate.number)).length, 1);
  });

  test('a suspension without a reason is shown again with the error next to the reason field; nothing is stored', async () => {
    const page = await irRegulator.get(`/certificates/${certificate.number}`).set(html).expect(200);
    assert.deepEqual(statusForms(page.text), ['suspend', 'revoke']);
    for (const reason of ['', '   ', 'ab']) {
      const refused = await postForm(irRegulator, `/certificates/${certificate.number}`, `/certificates/${certificate.number}/suspend`, { reason });
      assert.equal(refused.status, 422, JSON.stringify(reason));
      assert.equal(fieldError(refused.text, 'suspendReason'), 'Give the public reason: at least 3 characters.');
      assert.match(refused.text, /<textarea id="suspendReason" name="reason"[^>]*aria-invalid="true"/);
      assert.equal(fieldError(refused.text, 'revokeReason'), null, 'the other form has no error');
    }
    assert.deepEqual((await registry.store.certificates.events(certificate.number)).map((event) => event.action), ['issued']);
  });

  test('a regulator of the issuing jurisdiction suspends with a reason through the form: the event is stored, the page and the register say so', async () => {
    const reason = 'Market surveillance: firmware differs from the tested one';
    const done = await postForm(irRegulator, `/certificates/${certificate.number}`, `/certificates/${certificate.number}/suspend`, { reason: `  ${reason}  ` });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `/certificates/${certificate.number}?changed=suspended`);
    const events = await registry.store.certificates.events(certificate.number);
    assert.deepEqual(events.map((event) => [event.action, event.status, event.reason, event.actorId]).at(-1), ['suspended', 'suspended', reason, irRegulatorId]);
    const [entry] = (await searchRegister(registry.store, { q: 'EX-5G', status: 'suspended' })).items;
    assert.deepEqual([entry?.number, entry?.statusReason], [certificate.number, reason]);
    const page = await irRegulator.get(done.headers.location!).set(html).expect(200);
    assert.match(page.text, /<p class="notice" role="status">The certificate has been suspended\.<\/p>/);
    assert.match(page.text, /<section class="verdict bad"/);
    assert.ok(visibleText(page.text).includes(`${formatDateTime('en', events.at(-1)!.at)} Suspended ${reason}`), 'the history shows the suspension');
    assert.deepEqual(statusForms(page.text), ['reinstate', 'revoke']);
  });

  test('an unknown or malformed number is a 404 page in the user\'s language', async () => {
    const page = await supertest(registry.app).get('/certificates/IRRU-IR-2026-000099-0?lang=ru').set(html);
    assert.equal(page.status, 404);
    assert.match(page.text, /<h1>Не найдено<\/h1>/);
    await supertest(registry.app).get('/certificates/%3Cb%3E').set(html).expect(404);
  });
});
