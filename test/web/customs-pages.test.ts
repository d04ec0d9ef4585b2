import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { formatCertificateNumber } from '../../server/domain/certificates/certificate-number.ts';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import type { CertificateRecord } from '../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { postForm, signInAs, type Agent } from '../helpers/web.ts';

const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

function fieldError(page: string, field: string): string | null {
  return new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(page)?.[1] ?? null;
}

/** Every link's target, as the browser reads the attribute. */
function links(page: string): string[] {
  return [...page.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
}

/** Collects a binary response body (supertest buffers only text by default). */
const binary = (res: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('customs document pages', () => {
  let registry: TestRegistry;
  let certificate: CertificateRecord;
  let revoked: CertificateRecord;
  let officer: Agent;

  const shipment = (overrides: Record<string, string> = {}) => ({
    number: certificate.number, importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', model: 'EX-5G Pro', variant: '',
    quantity: '2', hsCode: '8517.13.00.00', serials: 'X-1\r\nX-2', serialFrom: '', serialTo: '', ...overrides,
  });

  /** The number of customs documents stored for a certificate's audit trail (each creation is audited). */
  const documentsCreated = async () => (await registry.store.audit.list({ afterSeq: 0, limit: 10_000 })).filter((event) => event.action === 'certificate.customs_document').length;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR');
    const ctx = certificatesContextOf(registry);
    certificate = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    revoked = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    await changeStatus(ctx, ir.actor, revoked.number, 'revoke', 'Certificate obtained with a falsified test report');
    officer = (await signInAs(registry, 'customs', { jurisdiction: 'RU' })).agent;
  });
  after(() => registry.close());

  test('only signed-in customs officers and regulators get the form', async () => {
    const anonymous = await supertest(registry.app).get('/customs/new').set(html);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fcustoms%2Fnew');
    const { agent: vendor } = await signInAs(registry, 'vendor');
    assert.equal((await vendor.get('/customs/new').set(html)).status, 403);
    const refused = await postForm(vendor, '/account', '/customs/new', shipment());
    assert.equal(refused.status, 403);
    assert.equal(await documentsCreated(), 0);
    const form = await officer.get(`/customs/new?number=${certificate.number}`).set(html).expect(200);
    assert.match(form.text, /Attest that a shipment imported into Russia is covered by a certificate\./);
    assert.ok(form.text.includes(`name="number" type="text"`) && form.text.includes(`value="${certificate.number}"`), 'the number is filled in from the link');
  });

  test('mistakes the officer can fix are shown next to their fields, with what was certified; nothing is created', async () => {
    const cases: Array<[Record<string, string>, string, string, string?]> = [
      [{ importer: '' }, 'importer', 'Fill in this field.'],
      [{ quantity: 'three' }, 'quantity', 'Enter a whole number from 1 to 10,000,000.'],
      [{ hsCode: '85' }, 'hsCode', 'Enter an HS code of 4 to 10 digits.'],
      [{ number: 'IRRU-IR-2026' }, 'number', 'This is not a certificate number: compare it with the example.'],
      [{ number: formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 999_999 }) }, 'number', 'No certificate with this number is in the registry. If the number is printed like this on the document, the document is not genuine.'],
      [{ serials: 'X-1\nX-1' }, 'serials', 'Each serial number may be listed only once.'],
      [{ quantity: '5' }, 'quantity', 'The quantity does not match the 2 serial numbers given.'],
      [{ serials: '', quantity: '10', serialFrom: 'SN0010', serialTo: 'SN0001' }, 'serialFrom', 'The range is not well-formed: both ends need the same prefix and the same number of digits, and the first must not come after the last.'],
      [{ serialFrom: 'SN0001' }, 'serialTo', 'Give both ends of the range, or neither.'],
      [{ model: 'EX-5G pro' }, 'model', 'This is not the certified model.', 'EX-5G Pro'],
      [{ variant: 'EX-5G Pro 1TB' }, 'variant', 'This is not a certified variant of the model.', 'EX-5G Pro 256GB, EX-5G Pro 512GB'],
      [{ hsCode: '8517.62' }, 'hsCode', 'This HS code is outside the certified one: it must start with all the certified digits.', '8517.13.00'],
      [{ number: '' }, 'number', 'Fill in this field.'],
    ];
    for (const [overrides, field, message, certified] of cases) {
      const page = await postForm(officer, '/customs/new', '/customs/new', shipment(overrides));
      assert.equal(page.status, 422, JSON.stringify(overrides));
      assert.equal(fieldError(page.text, field), message, JSON.stringify(overrides));
      if (certified) assert.ok(page.text.includes(`Certified: <bdi`) && page.text.includes(`>${certified}</bdi>`), `certified ${certified}`);
      assert.match(page.text, /<input id="consignmentReference" name="consignmentReference"[^>]* value="CN-2026-0042"/, 'what was typed is kept');
    }
    assert.equal(await documentsCreated(), 0);
  });

  test('a shipment under a revoked certificate is refused next to the number', async () => {
    const page = await postForm(officer, '/customs/new', '/customs/new', shipment({ number: revoked.number }));
    assert.equal(page.status, 422);
    assert.equal(fieldError(page.text, 'number'), 'The certificate is not in force (Revoked): no customs document can be issued under it.');
    assert.equal(await documentsCreated(), 0);
  });

  test('a customs officer creates the document from the form; the result page links both PDFs in three languages, and the PDF downloads', async () => {
    const created = await postForm(officer, '/customs/new', '/customs/new', shipment({ serials: 'X-1\nX-2', serialFrom: 'SN0001', serialTo: 'SN0003', quantity: '۵' }));
    assert.equal(created.status, 303, fieldError(created.text, 'quantity') ?? '');
    const id = /^\/customs\/documents\/([0-9a-f-]{36})$/.exec(created.headers.location!)?.[1];
    assert.ok(id, created.headers.location);
    const stored = (await registry.store.customsDocuments.get(id))!;
    assert.equal(stored.number, certificate.number);
    assert.equal(stored.importingJurisdiction, 'RU');
    assert.deepEqual(stored.attestation.shipment, {
      importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', model: 'EX-5G Pro', quantity: 5, hsCode: '8517.13.00.00',
      serials: ['X-1', 'X-2'], serialRange: { from: 'SN0001', to: 'SN0003' },
    });
    assert.equal(await documentsCreated(), 1);
    const page = await officer.get(created.headers.location!).set(html).expect(200);
    assert.ok(page.text.includes(`<bdi class="token">${stored.documentNumber}</bdi>`));
    const targets = links(page.text);
    for (const lang of ['en', 'ru', 'fa']) {
      assert.ok(targets.includes(`/customs/documents/${id}.pdf?lang=${lang}`), `customs PDF ${lang}`);
      assert.ok(targets.includes(`/api/v1/certificates/${certificate.number}.pdf?lang=${lang}`), `certificate PDF ${lang}`);
    }
    assert.ok(targets.includes(`/v/${certificate.number}/customs/${id}`));
    const pdf = await officer.get(`/customs/documents/${id}.pdf?lang=ru`).buffer(true).parse(binary).expect(200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], `attachment; filename="${stored.documentNumber}-ru.pdf"`);
    assert.equal((pdf.body as Buffer).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('the document page and its PDF are for officials only', async () => {
    const [document] = (await registry.store.audit.list({ afterSeq: 0, limit: 10_000 })).filter((event) => event.action === 'certificate.customs_document');
    const id = String(document!.summary.customsDocumentId);
    const { agent: vendor } = await signInAs(registry, 'vendor');
    assert.equal((await vendor.get(`/customs/documents/${id}`).set(html)).status, 403);
    assert.equal((await vendor.get(`/customs/documents/${id}.pdf`).set(html)).status, 403);
    assert.equal((await officer.get('/customs/documents/not-an-id').set(html)).status, 404);
  });
});
