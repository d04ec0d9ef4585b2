import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import supertest from 'supertest';
import { formatCertificateNumber } from '../../server/domain/certificates/certificate-number.ts';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import type { CertificateRecord } from '../../server/store/port.ts';
import { formatDate, formatDateTime } from '../../server/http/web/i18n/format.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { csrf, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** What a person reads: the page without its styles, tags and character references. */
function visibleText(page: string): string {
  return page.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, '\'').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/** Every link's target, as the browser reads the attribute. */
function links(page: string): string[] {
  return [...page.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
}

/** The tones of the verdict and of the three results, in page order. */
function tones(page: string) {
  return {
    verdict: /<section class="verdict (\w+)"/.exec(page)?.[1],
    results: [...page.matchAll(/<section class="result (\w+)"/g)].map((match) => match[1]),
  };
}

/** A PNG of the QR code holding `text`, as a phone screen or a printer would show it. */
async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 6 });
}

/** The same QR code re-encoded as a JPEG photo. */
function asJpeg(png: Buffer): Buffer {
  const image = PNG.sync.read(png);
  return jpeg.encode({ width: image.width, height: image.height, data: image.data }, 85).data;
}

/** A PNG whose header claims `width` × `height` pixels (nothing after it: the size check comes before any decoding). */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.set([8, 6, 0, 0, 0], 24);
  return header;
}

describe('verification pages', () => {
  let registry: TestRegistry;
  let valid: CertificateRecord;
  let revoked: CertificateRecord;
  let suspended: CertificateRecord;
  let browser: Agent;
  const revocationReason = 'Radio test report withdrawn by the laboratory';
  const suspensionReason = 'Market surveillance found a different firmware';

  const uploadPhoto = async (photo: Buffer, filename: string) => {
    const token = await csrf(browser, '/verify');
    return browser.post('/verify/photo').set(html).field('_csrf', token).attach('photo', photo, filename);
  };

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR', 'Communications Regulatory Authority of I.R. Iran');
    const ctx = certificatesContextOf(registry);
    valid = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    revoked = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    suspended = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    await changeStatus(ctx, ir.actor, revoked.number, 'revoke', revocationReason);
    await changeStatus(ctx, ir.actor, suspended.number, 'suspend', suspensionReason);
    browser = supertest.agent(registry.app);
  });
  after(() => registry.close());

  test('the verification page offers a number field and a photo upload, and works for anyone', async () => {
    const page = await browser.get('/verify').set(html).expect(200);
    assert.match(page.text, /<form method="get" action="\/verify"/);
    assert.match(page.text, /<form method="post" action="\/verify\/photo" enctype="multipart\/form-data"/);
    assert.match(page.text, /<label for="number">Certificate number<\/label>/);
    assert.match(page.text, /<label for="photo">Photo of the QR code<\/label>/);
  });

  test('a valid certificate by number shows three passing results, the product, the scope and the PDFs in three languages', async () => {
    const auditBefore = (await registry.store.audit.last())?.seq;
    const page = await browser.get(`/verify?number=${valid.number}`).set(html).expect(200);
    assert.deepEqual(tones(page.text), { verdict: 'ok', results: ['ok', 'ok', 'ok'] });
    const text = visibleText(page.text);
    assert.match(text, /This certificate is valid and in force/);
    assert.match(text, /Signature intact, and the issuance is recorded in the public log\./);
    assert.match(text, /Signed with the registered key of this authority: Issuer Communications Regulatory Authority of I\.R\. Iran Issued in Iran/);
    assert.match(text, /3\. Status Valid The certificate is in force\./);
    assert.match(page.text, /<dd><bdi>EX-5G Pro<\/bdi><\/dd>/);
    assert.match(page.text, /<bdi>EX-5G Pro 256GB<\/bdi>, <bdi>EX-5G Pro 512GB<\/bdi>/);
    assert.match(page.text, /<bdi class="token">8517\.13\.00<\/bdi>/);
    assert.match(text, /Accepted for import into Iran, Russia/);
    assert.ok(text.includes(`From ${formatDate('en', valid.validFrom)} Until ${formatDate('en', valid.validUntil)}`));
    for (const lang of ['en', 'ru', 'fa']) assert.ok(links(page.text).includes(`/api/v1/certificates/${valid.number}.pdf?lang=${lang}`), `the ${lang} PDF`);
    assert.equal((await registry.store.audit.last())?.seq, auditBefore, 'verifying writes nothing');
  });

  test('a revoked certificate is red from top to bottom: the heading says so, with the date and reason, and nothing on the page says valid or shows a tick', async () => {
    const page = await browser.get(`/verify?number=${revoked.number}`).set(html).expect(200);
    const revocation = (await registry.store.certificates.events(revoked.number)).at(-1)!;
    assert.equal(revocation.action, 'revoked');
    assert.deepEqual(tones(page.text), { verdict: 'bad', results: ['plain', 'plain', 'bad'] });
    assert.match(page.text, /<h2 id="verdict-heading"><span class="mark" aria-hidden="true">✗<\/span>REVOKED: this certificate has been withdrawn for good<\/h2>/);
    const text = visibleText(page.text);
    assert.ok(text.includes(`Date of the change ${formatDateTime('en', revocation.at)}`), 'the date of the revocation');
    assert.ok(text.includes(`Public reason ${revocationReason}`), 'the public reason');
    assert.match(text, /Do not accept it as proof of conformity\./);
    assert.doesNotMatch(text, /\bvalid\b/i, 'no wording of validity anywhere');
    assert.ok(!page.text.includes('✓'), 'no tick anywhere');
    assert.doesNotMatch(page.text, /class="(verdict|result) ok"/);
  });

  test('a suspended certificate is red with SUSPENDED, its date and reason', async () => {
    const page = await supertest(registry.app).get(`/verify?number=${suspended.number}&lang=ru`).set(html).expect(200);
    assert.deepEqual(tones(page.text), { verdict: 'bad', results: ['plain', 'plain', 'bad'] });
    const text = visibleText(page.text);
    assert.match(text, /ПРИОСТАНОВЛЕН: сертификат не действует/);
    assert.ok(text.includes(`Публичное основание ${suspensionReason}`));
    assert.ok(!page.text.includes('✓'));
  });

  test('in Persian the page is right to left, with Solar Hijri dates in Persian digits', async () => {
    const page = await supertest(registry.app).get(`/verify?number=${valid.number}&lang=fa`).set(html).expect(200);
    assert.match(page.text, /<html lang="fa" dir="rtl">/);
    const from = formatDate('fa', valid.validFrom);
    assert.match(from, /^[۰-۹]+ \S+ [۰-۹]{4}$/);
    assert.ok(page.text.includes(`<dd>${from}</dd>`), `the term starts ${from}`);
    assert.match(page.text, /این گواهی معتبر است و هم‌اکنون نافذ است/);
    assert.match(page.text, /<bdi class="token">IRRU-IR-\d{4}-\d{6}-\d<\/bdi>/, 'the number stays one left-to-right token');
  });

  test('a number typed with Persian digits or in lower case is the same number', async () => {
    const persian = valid.number.toLowerCase().replace(/\d/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));
    const page = await browser.get(`/verify?number=${encodeURIComponent(` ${persian} `)}`).set(html).expect(200);
    assert.deepEqual(tones(page.text).results, ['ok', 'ok', 'ok']);
  });

  test('a number that cannot exist or is not in the registry is answered next to the field, keeping what was typed', async () => {
    const [head, checkDigit] = [valid.number.slice(0, -1), Number(valid.number.at(-1))];
    const unissued = formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 999_999 });
    const cases: Array<[string, number, string]> = [
      ['', 422, 'Fill in this field.'],
      ['IRRU-XX-1', 422, 'This is not a certificate number: compare it with the example.'],
      [`${head}${(checkDigit + 1) % 10}`, 422, 'The check digit (the last digit) does not fit this number: check it for a typing error. A forged number gives this too.'],
      [unissued, 404, 'No certificate with this number is in the registry. If the number is printed like this on the document, the document is not genuine.'],
    ];
    for (const [typed, status, message] of cases) {
      const page = await browser.get(`/verify?number=${encodeURIComponent(typed)}`).set(html);
      assert.equal(page.status, status, typed);
      assert.equal(fieldError(page.text, 'number'), message, typed);
      assert.ok(page.text.includes(`value="${typed}"`), 'the typed number is kept');
      assert.match(page.text, /aria-invalid="true"/);
    }
  });

  test('a PNG of the certificate\'s QR code, and a JPEG photo of it, lead to the same certificate with its hash checked', async () => {
    const url = `http://registry.test/v/${valid.number}#h=${valid.credentialHash}`;
    const png = await qrPng(url);
    for (const [photo, name] of [[png, 'qr.png'], [asJpeg(png), 'photo.jpg']] as const) {
      const read = await uploadPhoto(photo, name);
      assert.equal(read.status, 303, `${name}: ${fieldError(read.text, 'photo')}`);
      assert.equal(read.headers.location, `/verify?number=${valid.number}&h=${valid.credentialHash}`);
      const page = await browser.get(read.headers.location!).set(html).expect(200);
      assert.match(page.text, new RegExp(`<h1>Certificate <bdi class="token">${valid.number}</bdi></h1>`));
      assert.deepEqual(tones(page.text), { verdict: 'ok', results: ['ok', 'ok', 'ok'] });
    }
  });

  test('a QR code whose hash is not the certificate\'s fails integrity, in red', async () => {
    const read = await uploadPhoto(await qrPng(`http://registry.test/v/${valid.number}#h=${'0'.repeat(64)}`), 'forged.png');
    assert.equal(read.status, 303);
    const page = await browser.get(read.headers.location!).set(html).expect(200);
    assert.equal(tones(page.text).verdict, 'bad');
    assert.equal(tones(page.text).results[0], 'bad');
    assert.match(visibleText(page.text), /This certificate does NOT check out.*The signature or the log record does NOT match/);
    assert.match(visibleText(page.text), /What the certificate states is not shown/);
    assert.doesNotMatch(page.text, /EX-5G Pro/, 'unverified content is not shown as fact');
  });

  test('uploads that hold no readable QR code of this registry are answered next to the upload field', async () => {
    const blank = new PNG({ width: 400, height: 300 });
    blank.data.fill(255);
    const cases: Array<[Buffer, string, string]> = [
      [Buffer.from('this is not an image at all'), 'notes.png', 'This file is not a PNG or JPEG image.'],
      [PNG.sync.write(blank), 'blank.png', 'No readable QR code was found in this photo. Take it again, closer and sharp, with the whole code in the picture, or type the number.'],
      [pngClaiming(6000, 5000), 'huge.png', 'The photo has more than 24 megapixels. Take it at a lower resolution or crop it to the QR code.'],
      [Buffer.alloc(8 * 1024 * 1024 + 1, 0x41), 'big.jpg', 'The photo is larger than 8 MiB. Take it at a lower resolution or crop it to the QR code.'],
      [await qrPng('https://registry.evil.example/v/IRRU-IR-2026-000001-0'), 'foreign.png', 'This QR code leads to another site, not to this registry: do not trust it.'],
      [await qrPng('WIFI:S:border-post;T:WPA;P:secret;;'), 'wifi.png', 'This QR code does not lead to a certificate of this registry.'],
    ];
    for (const [photo, name, message] of cases) {
      const page = await uploadPhoto(photo, name);
      assert.equal(page.status, 422, name);
      assert.equal(fieldError(page.text, 'photo'), message, name);
      assert.match(page.text, /<input id="photo" name="photo" type="file"[^>]* aria-invalid="true"/);
    }
    const foreign = await uploadPhoto(await qrPng('https://registry.evil.example/v/IRRU-IR-2026-000001-0'), 'foreign.png');
    assert.match(foreign.text, /The QR code leads to: <bdi dir="ltr">https:\/\/registry\.evil\.example<\/bdi>/);
    const missing = await browser.post('/verify/photo').set(html).field('_csrf', await csrf(browser, '/verify'));
    assert.equal(missing.status, 422);
    assert.equal(fieldError(missing.text, 'photo'), 'Choose a photo to upload.');
  });

  test('a photo sent without the form\'s token is not read: the stale-form page says so', async () => {
    const page = await supertest(registry.app).post('/verify/photo').set(html).attach('photo', await qrPng(`http://registry.test/v/${valid.number}`), 'qr.png');
    assert.equal(page.status, 403);
    assert.match(page.text, /This form has expired/);
  });
});
