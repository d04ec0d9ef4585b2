import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actorFromUser } from '../../server/domain/accounts/actor.ts';
import { createCustomsDocument, type ShipmentRequest } from '../../server/domain/customs/customs-document.ts';
import { describeCertificate, describeCustomsDocument, type CertificateView, type CustomsDocumentView } from '../../server/domain/certificates/lookup.ts';
import { createDocumentRenderer, type DocumentRenderer } from '../../server/documents/index.ts';
import { labels, type DocumentLanguage } from '../../server/documents/labels.ts';
import { createPdfRenderer } from '../../server/documents/pdf-renderer.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { decodeQr, pdfPageCount, pdfPages, pdfText, pdfTextWithoutRepeatedHeader, squeezed } from '../helpers/pdf.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** `length` characters: `stem` repeated, words separated by spaces when `spaced`, so both wrapping paths are tried. */
const filled = (stem: string, length: number, spaced = true) => (spaced ? `${stem} ` : stem).repeat(length).slice(0, length).trimEnd().padEnd(length, 'Z');

/** Values at the limits of product.schema.json, customs-document-request.schema.json and new-user.schema.json (org). */
const max = {
  holder: filled('Vendor Holding Organisation', 200),
  issuer: filled('Communications Regulatory Authority', 200),
  product: {
    manufacturer: { name: filled('Example Mobile Technology', 200), country: 'CN' },
    brand: filled('Exemplar', 200), model: filled('EX5G-PRO-MAXIMUM-LENGTH-MODEL-', 200, false),
    variants: Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, '0')}-${filled('VARIANT-LONG-NAME-', 197, false)}`),
    hardwareVersion: filled('HW-', 100, false), firmwareVersion: filled('FW-', 100, false), hsCode: '8517.13.00', countryOfOrigin: 'CN',
  },
  importer: filled('<script>alert(1)</script> ООО «Импорт Связь» شرکت بازرگانی پارس', 300),
  consignment: filled('CN-2026-', 100, false),
  serials: Array.from({ length: 1000 }, (_, i) => `SN${String(i).padStart(4, '0')}-${'X'.repeat(57)}`),
};
const hostileModel = 'SAFE-\u202E1X-LEDOM';

/** A copy of the view with the product, holder and status replaced (the renderer reads nothing else from the store). */
function withProduct(view: CertificateView, product: object, status: CertificateView['status'], holder: string): CertificateView {
  const statement = structuredClone(view.statement);
  Object.assign(statement.product!, product);
  statement.holder = { id: statement.holder?.id ?? null, name: holder };
  return { ...view, statement, status };
}

describe('documents at the schema limits and with hostile text (one shared Chromium)', () => {
  let registry: TestRegistry;
  let documents: DocumentRenderer;
  let view: CertificateView;
  let customs: CustomsDocumentView;
  const scratch = tempDir('irru-limits-');

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ctx = certificatesContextOf(registry);
    const ir = await regulatorOf(registry, 'IR', 'Iran Communications Regulatory Authority');
    const certificate = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    view = await describeCertificate(ctx, certificate.number);
    const officer = actorFromUser((await registry.login('customs', { jurisdiction: 'IR' })).user);
    const product = view.statement.product!;
    const shipment: ShipmentRequest = { importer: 'Importer', consignmentReference: 'CN-1', quantity: 2, hsCode: product.hsCode, serials: ['SN1', 'SN2'], model: product.model, variant: product.variants[0] };
    const created = await createCustomsDocument(ctx, officer, certificate.number, shipment);
    customs = await describeCustomsDocument(ctx, certificate.number, created.id);
    documents = createDocumentRenderer(createPdfRenderer({ executablePath: registry.config.chromiumPath }));
  });
  after(async () => {
    await documents.close();
    await registry.close();
    scratch.remove();
  });

  function save(name: string, pdf: Buffer): string {
    const file = join(scratch.path, `${name}.pdf`);
    writeFileSync(file, pdf);
    return file;
  }

  /** Page 1 holds the whole header block and the QR; every further page repeats the number, issuer and status. */
  function assertHeaderOnEveryPage(file: string, lang: DocumentLanguage, status: CertificateView['status'], verificationUrl: string) {
    const [laidOut, drawn] = [pdfPages(file), pdfPages(file, { raw: true })];
    const pages = laidOut.length;
    const statusText = labels[status][lang];
    laidOut.forEach((text, i) => {
      const page = `page ${i + 1}/${pages}`;
      assert.ok(text.includes(view.certificate.number), `number on ${page}`);
      assert.match(text, new RegExp(`\\b${i + 1} ?/ ?${pages}\\b`), `page number on ${page}`);
      assert.ok(text.toLocaleLowerCase().includes(statusText.toLocaleLowerCase()), `status "${statusText}" on ${page}`);
      assert.ok(squeezed(drawn[i]!).includes(squeezed(max.issuer)), `issuer on ${page}`);
      if (status !== 'valid') assert.ok(text.includes(labels.notValid[lang]), `"not valid" on ${page}`);
    });
    assert.equal(decodeQr(file, scratch.path, 1), verificationUrl, 'QR on page 1');
    return { pages, first: squeezed(drawn[0]!) };
  }

  const cases: Array<[DocumentLanguage, CertificateView['status']]> = [['en', 'valid'], ['ru', 'suspended'], ['fa', 'revoked']];
  for (const [lang, status] of cases) {
    it(`when every product field is at its maximum (${lang}, ${status}), then the header repeats on every page and nothing is lost`, async () => {
      const many = { ...view, statement: structuredClone(view.statement) };
      const assessments = many.statement.assessments;
      assessments.push(...assessments.map((assessment) => ({ ...assessment, clause: `${assessment.clause}-bis` })));
      const file = save(`certificate-${lang}`, await documents.certificatePdf(withProduct(many, max.product, status, max.holder), max.issuer, lang));
      const { pages, first } = assertHeaderOnEveryPage(file, lang, status, view.verificationUrl);
      assert.ok(pages >= 2, `continues on further pages (${pages})`);
      for (const value of [max.holder, view.credential.validFrom.slice(0, 10), view.credential.validUntil.slice(0, 10)]) assert.ok(first.includes(squeezed(value)), `page 1 has ${value.slice(0, 30)}`);
      const all = squeezed(pdfTextWithoutRepeatedHeader(file));
      for (const value of [max.product.manufacturer.name, max.product.model, ...max.product.variants, max.product.firmwareVersion]) assert.ok(all.includes(squeezed(value)), `printed in full: ${value.slice(0, 30)}`);
      assert.ok(all.includes(`${assessments.at(-1)!.clause}`), 'the last clause');
      assert.ok(all.includes(squeezed(labels.statement.en)), 'the closing statement');
    });
  }

  it('when the model holds a right-to-left override and the brand HTML, then both print as stored, in logical order, in en and fa', async () => {
    const hostile = withProduct(view, { model: hostileModel, brand: '<script>alert(1)</script><b>bold</b>', manufacturer: { name: 'شرکت ارتباطات پارس', country: 'IR' }, variants: ['Модель Х'] }, 'valid', 'ООО «Связь»');
    const html = await documents.certificateHtml(hostile, 'Iran Communications Regulatory Authority', 'en');
    assert.ok(!html.includes('<script') && !html.includes('<b>bold'), 'no raw HTML from values');
    assert.ok(!html.includes('\u202E'), 'no override character reaches the page');
    assert.match(html, /<bdi>SAFE-\[U\+202E\]1X-LEDOM<\/bdi>/);
    for (const lang of ['en', 'fa'] as const) {
      const file = save(`hostile-${lang}`, await documents.certificatePdf(hostile, 'Iran Communications Regulatory Authority', lang));
      const text = pdfText(file);
      assert.ok(text.includes('SAFE-[U+202E]1X-LEDOM'), `${lang}: the model in stored order`);
      assert.ok(!text.includes('MODEL-X1'), `${lang}: not reordered`);
      assert.ok(text.includes('<script>alert(1)</script><b>bold</b'), `${lang}: markup printed as text`);
      assert.ok(text.includes('Модель Х') && text.includes('Связь') && text.includes('شرکت ارتباطات پارس'), `${lang}: Russian and Persian values`);
      assert.equal(pdfPageCount(file), 1);
      assert.equal(decodeQr(file, scratch.path, 1), view.verificationUrl);
    }
  });

  for (const lang of ['en', 'ru', 'fa'] as const) {
    it(`when a customs document carries 1,000 64-character serials and a 300-character importer (${lang}), then every page has its header and the certificate section stays`, async () => {
      const attestation = structuredClone(customs.document.attestation) as { product: object; shipment: Record<string, unknown> };
      Object.assign(attestation.product, { manufacturer: max.product.manufacturer.name, brand: max.product.brand, model: max.product.model, variants: max.product.variants });
      Object.assign(attestation.shipment, { importer: max.importer, consignmentReference: max.consignment, quantity: 1000, serials: max.serials });
      // The Russian copy is printed after the certificate was revoked: every page must say the document is void.
      const certificateStatus = lang === 'ru' ? 'revoked' as const : customs.certificateStatus;
      const file = save(`customs-${lang}`, await documents.customsPdf({ ...customs, certificateStatus, document: { ...customs.document, attestation } }, lang));
      const laidOut = pdfPages(file);
      const pages = laidOut.length;
      assert.ok(pages >= 2, `serials continue on further pages (${pages})`);
      laidOut.forEach((text, i) => {
        for (const value of [view.certificate.number, labels.customs[lang], labels.validUntil[lang], labels.expiresAt[lang]]) assert.ok(text.includes(value), `${value} on page ${i + 1}`);
        assert.match(text, new RegExp(`\\b${i + 1} ?/ ?${pages}\\b`), `page number on page ${i + 1}`);
        if (certificateStatus === 'revoked') assert.ok(text.includes(labels.customsNotValid[lang]), `void on page ${i + 1}`);
      });
      for (const key of ['importingCountry', 'importer', 'consignment', 'model', 'quantity', 'issuer', 'checks'] as const) assert.ok(laidOut[0]!.includes(labels[key][lang]), `page 1 has ${key}`);
      assert.ok(squeezed(pdfText(file, { page: 1, raw: true })).includes(squeezed(max.consignment)), 'page 1 has the consignment');
      const all = squeezed(pdfTextWithoutRepeatedHeader(file));
      assert.equal(all.split('<script>alert(1)</script>ООО«ИмпортСвязь»').length - 1, 5, 'the importer in full, markup as text');
      for (const word of ['شرکت', 'بازرگانی', 'پارس']) assert.ok(all.includes(word), `the importer's Persian ${word}`);
      assert.deepEqual(max.serials.filter((serial) => !all.includes(serial)), [], 'every serial');
      assert.equal(decodeQr(file, scratch.path, 1), customs.verificationUrl);
    });
  }
});
