import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import { formatDate } from '../../server/http/web/i18n/format.ts';
import type { CertificateRecord } from '../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf, reportOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** The certificate numbers a results page lists, in order. */
function listed(page: string): string[] {
  return [...page.matchAll(/<a href="\/certificates\/([^"]+)"><bdi class="token">/g)].map((match) => match[1]!);
}

/** A link's target as the browser reads the attribute. */
function href(page: string, pattern: RegExp): string | null {
  const match = pattern.exec(page);
  return match ? match[1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') : null;
}

/** The smartphone spec under another maker and model: the engine's report for it is what gets certified. */
function specOf(manufacturer: string, model: string) {
  const identification = smartphoneSpec.identification as Record<string, unknown>;
  return { ...smartphoneSpec, identification: { ...identification, manufacturer: { ...(identification.manufacturer as object), name: manufacturer }, brand: 'Orbit', model, variants: [] } };
}

describe('public register page', () => {
  let registry: TestRegistry;
  let smartphones: CertificateRecord[];
  let orbit: CertificateRecord;
  const revocationReason = 'Test laboratory accreditation withdrawn';

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR');
    const ctx = certificatesContextOf(registry);
    const input = await issuanceInput(registry, ir.actor);
    smartphones = [];
    // 26 of one model: one more than a page.
    for (let index = 0; index < 26; index += 1) smartphones.push(await issueDirect(registry, ctx, { ...input, submissionId: crypto.randomUUID() }));
    const spec = specOf('Orbit Devices Ltd', 'Orbit X1');
    orbit = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor, { spec, report: await reportOf(registry, spec) }));
    await changeStatus(ctx, ir.actor, orbit.number, 'revoke', revocationReason);
  });
  after(() => registry.close());

  test('the register lists certificates newest first, 25 a page, with a next-page link that continues where the page ended', async () => {
    const first = await supertest(registry.app).get('/register').set(html).expect(200);
    assert.match(first.text, /<form method="get" action="\/register" class="search-form" role="search"/);
    assert.match(first.text, /<details class="filters-box">/, 'the filters are folded away until used');
    const newestFirst = [orbit, ...smartphones.slice().reverse()].map((certificate) => certificate.number);
    assert.deepEqual(listed(first.text), newestFirst.slice(0, 25));
    const next = href(first.text, /<a href="([^"]+)" rel="next">Next page<\/a>/);
    assert.ok(next?.startsWith('/register?cursor='), `next page link ${next}`);
    const second = await supertest(registry.app).get(next!).set(html).expect(200);
    assert.deepEqual(listed(second.text), newestFirst.slice(25));
    assert.doesNotMatch(second.text, /rel="next"/, 'the last page has no next link');
    assert.match(second.text, /<a href="\/register">First page<\/a>/);
  });

  test('free text finds a model by the start of a word, and the row shows its maker, brand, model, standard, jurisdiction, status and dates', async () => {
    const page = await supertest(registry.app).get('/register?q=orbit%20x').set(html).expect(200);
    assert.deepEqual(listed(page.text), [orbit.number]);
    assert.match(page.text, /<td data-label="Manufacturer"><bdi>Orbit Devices Ltd<\/bdi><\/td>/);
    assert.match(page.text, /<td data-label="Brand"><bdi>Orbit<\/bdi><\/td>/);
    assert.match(page.text, /<td data-label="Model"><bdi>Orbit X1<\/bdi><\/td>/);
    assert.match(page.text, /<td data-label="Standard"><bdi class="token">IRRU-UE 1\.0\.0<\/bdi><\/td>/);
    assert.match(page.text, /<td data-label="Issuing jurisdiction">Iran<\/td>/);
    assert.ok(page.text.includes(`<td data-label="Valid until">${formatDate('en', orbit.validUntil)}</td>`));
    assert.match(page.text, /<input id="q" name="q" type="search" maxlength="200" value="orbit x"/, 'the search is kept in the form');
  });

  test('a revoked certificate is listed with its public reason and date, and the status filter finds it', async () => {
    const revocation = (await registry.store.certificates.events(orbit.number)).at(-1)!;
    const page = await supertest(registry.app).get('/register?status=revoked').set(html).expect(200);
    assert.deepEqual(listed(page.text), [orbit.number]);
    assert.match(page.text, /<span class="register-status revoked">Revoked<\/span>/);
    assert.ok(page.text.includes(`<span class="meta">${formatDate('en', revocation.at)}</span>`), 'the date of the revocation');
    assert.ok(page.text.includes(`Public reason: <bdi>${revocationReason}</bdi>`), 'the public reason');
    assert.match(page.text, /<option value="revoked" selected>Revoked<\/option>/);
    assert.match(page.text, /<details class="filters-box" open>/, 'a filter in use is shown');
    const valid = await supertest(registry.app).get('/register?status=valid&manufacturer=Orbit%20Devices%20Ltd').set(html).expect(200);
    assert.deepEqual(listed(valid.text), []);
    assert.match(valid.text, /No certificate matches this search\./);
  });

  test('the CSV link exports the same search', async () => {
    const page = await supertest(registry.app).get('/register?hsCode=8517&status=revoked').set(html).expect(200);
    const csv = href(page.text, /<a href="([^"]+)" download>Download these results as CSV<\/a>/);
    assert.equal(csv, '/api/v1/certificates.csv?hsCode=8517&status=revoked');
    const file = await supertest(registry.app).get(csv!).expect(200).expect('Content-Type', /text\/csv/);
    const rows = file.text.trim().split('\r\n');
    assert.equal(rows.length, 2);
    assert.ok(rows[1]!.startsWith(`${orbit.number},IR,revoked,${revocationReason},`));
  });

  test('malformed filters are answered next to their fields, the typed values kept, and nothing is searched', async () => {
    const cases: Array<[string, string, string]> = [
      ['hsCode=85x7', 'hsCode', 'Enter an HS code or its start: 2 to 12 digits.'],
      ['issuedFrom=2026-02-30', 'issuedFrom', 'Enter a date as year-month-day.'],
      ['issuedFrom=2026-03-01&issuedTo=2026-02-01', 'issuedTo', 'This date is before the first date.'],
      ['status=lost', 'status', 'Choose one of the options.'],
      [`q=${'word%20'.repeat(17)}`, 'q', 'Too many words: at most 16.'],
      ['standard=%3Cscript%3E', 'standard', 'Choose a standard from the list.'],
    ];
    for (const [query, field, message] of cases) {
      const page = await supertest(registry.app).get(`/register?${query}`).set(html);
      assert.equal(page.status, 400, query);
      assert.equal(fieldError(page.text, field), message, query);
      assert.deepEqual(listed(page.text), [], 'no results are shown for a search that was not run');
    }
    const kept = await supertest(registry.app).get('/register?hsCode=85x7&q=orbit').set(html);
    assert.match(kept.text, /<input id="hsCode" name="hsCode"[^>]*value="85x7" aria-describedby="hsCode-help hsCode-error" aria-invalid="true"/);
    assert.match(kept.text, /value="orbit"/);
    const stale = await supertest(registry.app).get('/register?cursor=bm90LWEtY3Vyc29y').set(html);
    assert.equal(stale.status, 400);
    assert.match(stale.text, /This page link is out of date; search again\./);
  });

  test('in Persian the register is right to left with Solar Hijri dates in Persian digits; an HS code typed in Persian digits works', async () => {
    const page = await supertest(registry.app).get(`/register?lang=fa&q=orbit&hsCode=${encodeURIComponent('۸۵۱۷')}`).set(html).expect(200);
    assert.match(page.text, /<html lang="fa" dir="rtl">/);
    assert.deepEqual(listed(page.text), [orbit.number]);
    const issued = formatDate('fa', orbit.issuedAt);
    assert.match(issued, /[۰-۹]{4}$/);
    assert.ok(page.text.includes(`<td data-label="تاریخ صدور">${issued}</td>`));
    assert.match(page.text, /<span class="register-status revoked">ابطال‌شده<\/span>/);
  });
});
