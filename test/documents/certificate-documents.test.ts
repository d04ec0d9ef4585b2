import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { closeApp, createApp } from '../../server/app.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { decodeQr, pdfText } from '../helpers/pdf.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Collects a binary response body (supertest buffers only text by default). */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('certificate and customs documents (one shared Chromium)', () => {
  let registry: TestRegistry;
  let number: string;
  let verificationUrl: string;
  const scratch = tempDir('irru-pdf-');

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR', 'Iran Communications Regulatory Authority');
    const certificate = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor));
    number = certificate.number;
    verificationUrl = `http://registry.test/v/${number}#h=${certificate.credentialHash}`;
  });
  after(async () => {
    await registry.close();
    scratch.remove();
  });

  it('when the certificate PDF is fetched, then it is one A4 page with the number, the model, Russian text and a QR code holding the verification URL', async () => {
    const res = await request(registry.app).get(`/api/v1/certificates/${number}.pdf`).buffer(true).parse(binary).expect(200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], `attachment; filename="${number}-en.pdf"`);
    const file = join(scratch.path, 'certificate.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = pdfText(file);
    assert.ok(text.includes(number), 'number');
    assert.ok(text.includes('EX-5G Pro'), 'model');
    assert.ok(text.includes('Сертификат соответствия'), 'Russian title');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Pages:\s+1\n/);
    assert.match(info, /Page size:.*\(A4\)/);
    assert.equal(decodeQr(file, scratch.path), verificationUrl);
  });

  it('when a customs document PDF is fetched, then it carries the shipment, Russian text and its own verification QR', async () => {
    const customs = await registry.login('customs', { jurisdiction: 'RU' });
    const created = await request(registry.app).post(`/api/v1/certificates/${number}/customs-document`).set('Authorization', customs.auth)
      .send({ importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', model: 'EX-5G Pro', quantity: 2, hsCode: '8517.13.00', serials: ['SN1', 'SN2'] }).expect(201);
    const res = await request(registry.app).get(`/api/v1/certificates/${number}/customs-document/${created.body.id}.pdf?lang=ru`).set('Authorization', customs.auth)
      .buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/pdf');
    const file = join(scratch.path, 'customs.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = pdfText(file);
    assert.ok(text.includes('CN-2026-0042'));
    assert.ok(text.includes('Импортёр'));
    assert.ok(text.includes(created.body.documentNumber), 'the customs document number');
    assert.ok(text.includes('Страна ввоза') && text.includes('Российская Федерация'), 'the importing country');
    assert.equal(decodeQr(file, scratch.path), created.body.verificationUrl);
  });

  it('when the printable HTML is asked for in Persian, then the document is right-to-left; other languages keep a Persian rtl section', async () => {
    const fa = await request(registry.app).get(`/certificates/${number}/print?lang=fa`).expect(200).expect('Content-Type', /html/);
    assert.match(fa.text, /<html lang="fa" dir="rtl">/);
    assert.ok(fa.text.includes('گواهی انطباق'));
    const en = await request(registry.app).get(`/certificates/${number}/print`).expect(200);
    assert.match(en.text, /<html lang="en" dir="ltr">/);
    assert.match(en.text, /<p lang="fa" dir="rtl"/);
    assert.ok(!en.text.includes('<script'));
    const link = await request(registry.app).get(`/v/${number}`).expect(302);
    assert.equal(link.headers.location, `/certificates/${number}`);
  });

  it('when Chromium is missing, then the PDF answers 503 unavailable and the app keeps serving', async () => {
    const app = createApp({ config: { ...registry.config, chromiumPath: '/nonexistent/chromium' }, store: registry.store, engine: registry.engine });
    const res = await request(app).get(`/api/v1/certificates/${number}.pdf`).expect(503);
    assert.equal(res.body.code, 'unavailable');
    await request(app).get(`/api/v1/certificates/${number}`).expect(200);
    await closeApp(app);
  });
});
