/**
 * The whole journey in a real browser, once in Persian (Iran) and once in Russian (Russia): a vendor fills the
 * form generated from TEST-RADIO with a failing value, reads the failing clause in their language, fixes it and
 * submits; the regulator of the jurisdiction approves from the review queue; a customs officer finds the
 * certificate in the register, verifies it by number and by a photo of its QR code, creates the customs document
 * and downloads both PDFs. The store is checked at each step that matters.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import QRCode from 'qrcode';
import { certificateVerificationUrl } from '../../server/domain/verification/verification-url.ts';
import { t } from '../../server/http/web/i18n/translate.ts';
import type { CertificateRecord, Jurisdiction } from '../../server/store/port.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import {
  clickAndWait, fetchFromPage, phoneScreenshot, screenshot, signInThroughForm, startBrowserWorld, textOf, typeInto,
  type BrowserWorld, type Person,
} from './harness.ts';
import type { PageElement, PageGlobals } from './in-page.ts';
import { radioClauses } from './radio-standard.ts';

interface Journey {
  lang: 'fa' | 'ru';
  jurisdiction: Jurisdiction;
  names: { manufacturer: string; brand: string; model: string };
  /** The failing output power (dBm) as the page shows it in the language, and the fixed one. */
  failing: { value: number; shown: string };
  fixed: number;
  authority: string;
  customsOffice: string;
  vendorOrg: string;
}

const journeys: Journey[] = [
  {
    lang: 'fa', jurisdiction: 'IR', names: { manufacturer: 'Pars Radio Industries', brand: 'پارس', model: 'PR-100' },
    failing: { value: 30, shown: '۳۰' }, fixed: 20,
    authority: 'Communications Regulatory Authority of I.R. Iran', customsOffice: 'Islamic Republic of Iran Customs Administration', vendorOrg: 'Pars Radio Industries Co.',
  },
  {
    lang: 'ru', jurisdiction: 'RU', names: { manufacturer: 'Volga Telecom', brand: 'Волга', model: 'VT-200' },
    failing: { value: 27.5, shown: '27,5' }, fixed: 21,
    authority: 'Federal Service for Supervision of Communications (Roskomnadzor)', customsOffice: 'Federal Customs Service of Russia', vendorOrg: 'Volga Telecom LLC',
  },
];

/** The row of the clause matrix for a clause: its result class, title, and the details cell's text. */
async function matrixRow(page: Page, clause: string) {
  const rows = await page.$$eval('table.matrix tbody tr', (trs: PageElement[]) => trs.map((tr) => ({
    className: tr.className,
    clause: tr.querySelector('th bdi.token')?.textContent?.trim() ?? '',
    title: tr.querySelector('td:nth-of-type(1)')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    details: tr.querySelector('td:nth-of-type(3)')?.innerText.replace(/\s+/g, ' ').trim() ?? '',
    fieldLink: tr.querySelector('td:nth-of-type(3) a')?.getAttribute('href') ?? null,
  })));
  const row = rows.find((r) => r.clause === clause);
  assert.ok(row, `no row for clause ${clause} in the matrix: ${rows.map((r) => r.clause).join(', ')}`);
  return row;
}

/** Fills the generated TEST-RADIO form: jurisdiction, identification, markets, output power, no 5 GHz. */
async function fillRadioForm(page: Page, journey: Journey, power: number): Promise<void> {
  const form = 'form.spec-form';
  await page.click(`${form} #jurisdiction-${journey.jurisdiction}`);
  await typeInto(page, `${form} [name="/identification/manufacturer/name"]`, journey.names.manufacturer);
  await typeInto(page, `${form} [name="/identification/brand"]`, journey.names.brand);
  await typeInto(page, `${form} [name="/identification/model"]`, journey.names.model);
  await typeInto(page, `${form} [name="/identification/countryOfOrigin"]`, 'CN');
  await typeInto(page, `${form} [name="/identification/hsCode"]`, '8517');
  for (const market of ['IR', 'RU']) await page.click(`${form} [name="/targetMarkets"][value="${market}"]`);
  await typeInto(page, `${form} [name="/power"]`, String(power));
  await page.select(`${form} [name="/wifi5"]`, 'false');
}

/** An element's text without its decorative marks (aria-hidden ticks and crosses), whitespace normalised. */
async function spokenText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element: PageElement) => {
    const copy = element.cloneNode(true);
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return copy.textContent!.replace(/\s+/g, ' ').trim();
  });
}

async function pathOf(page: Page): Promise<string> {
  return new URL(page.url()).pathname;
}

/** What each part of a journey works with: the registry, the journey, a new browser context per person, screenshots. */
interface Steps {
  world: BrowserWorld;
  journey: Journey;
  newPage(): Promise<Page>;
  shot(page: Page, name: string): Promise<string>;
}

/**
 * The vendor signs in, fills the generated form with a failing value, reads the failing clause in their language,
 * fixes the value from the link on the failure and submits; returns the submission's id.
 */
async function vendorSubmits({ world, journey, newPage, shot }: Steps): Promise<string> {
  const { lang } = journey;
  const store = world.registry.store;
  const vendor: Person = await world.person('vendor', { org: journey.vendorOrg });
  // Signs in and opens a new submission for TEST-RADIO from the dashboard.
  const v = await newPage();
  await signInThroughForm(v, vendor.email, vendor.password, lang);
  assert.equal(await pathOf(v), '/submissions');
  assert.equal(await v.$eval('html', (html: PageElement) => html.dir), lang === 'fa' ? 'rtl' : 'ltr');
  await clickAndWait(v, 'main a[href="/submissions/new"]');
  await v.select('#standard', 'TEST-RADIO@1.0.0');
  await clickAndWait(v, 'main form[action="/submissions/new"][method="get"] button[type="submit"]');
  // Clause titles label the fields, in the vendor's language.
  const powerLabel = await v.$eval('label[for="field-power"]', (label: PageElement) => label.textContent!.replace(/\s+/g, ' ').trim());
  assert.ok(powerLabel.includes(radioClauses['5.1']!.title[lang]), `the power field is labelled "${powerLabel}"`);

  // One failing value: the output power above 23 dBm.
  await fillRadioForm(v, journey, journey.failing.value);
  await shot(v, '1-form-filled');
  await clickAndWait(v, 'form.spec-form .actions button[value="check"]');
  const submissionPath = await pathOf(v);
  const id = /^\/submissions\/([0-9a-f-]{36})$/.exec(submissionPath)?.[1];
  assert.ok(id, `the check did not open a submission page but ${v.url()}: ${await textOf(v)}`);
  assert.equal(await spokenText(v, '.clause-matrix .notice'), t(lang, 'vendor.matrix.doesNotConform'));
  const failed = await matrixRow(v, '5.1');
  assert.equal(failed.className, 'result-fail');
  assert.equal(failed.title, radioClauses['5.1']!.title[lang]);
  assert.ok(failed.details.includes(radioClauses['5.1']!.requirement[lang]), `requirement missing: ${failed.details}`);
  assert.ok(failed.details.includes(`${t(lang, 'vendor.matrix.value')}: ${journey.failing.shown} dBm`), `failing value missing: ${failed.details}`);
  assert.equal((await matrixRow(v, '4.2')).className, 'result-pass');
  await shot(v, '2-failing-clause');
  await phoneScreenshot(v, `journey-${lang}-2-failing-clause`);
  let stored = await store.submissions.get(id);
  assert.equal(stored?.status, 'draft');
  assert.equal((await store.submissions.getRevision(id, 1))?.report.conforms, false);

  // The failure links to its field in the edit form; the vendor fixes the value and checks again.
  assert.ok(failed.fieldLink?.startsWith('#'), `the failure has no link to its field: ${failed.fieldLink}`);
  await v.click(`table.matrix a[href="${failed.fieldLink}"]`);
  const target = await v.evaluate(() => decodeURIComponent((globalThis as unknown as PageGlobals).location.hash.slice(1)));
  const powerField = await v.$(`[id="${target}"]`);
  assert.ok(powerField, `the link leads nowhere: #${target}`);
  assert.equal(await powerField.evaluate((element: PageElement) => element.name), '/power');
  assert.equal(await powerField.evaluate((element: PageElement) => element.value), String(journey.failing.value), 'the edit form lost the typed value');
  await powerField.evaluate((element: PageElement) => { element.value = ''; });
  await powerField.type(String(journey.fixed));
  await clickAndWait(v, `form.spec-form[action="/submissions/${id}/revise"] .actions button[value="check"]`);
  assert.equal(await pathOf(v), `/submissions/${id}`);
  assert.equal(await spokenText(v, '.clause-matrix .notice'), t(lang, 'vendor.matrix.conforms'));
  assert.equal((await matrixRow(v, '5.1')).className, 'result-pass');
  stored = await store.submissions.get(id);
  assert.equal(stored?.revision, 2);
  assert.equal((await store.submissions.getRevision(id, 2))?.report.conforms, true);

  // Submitted for review.
  await clickAndWait(v, `form[action="/submissions/${id}/submit"] button[type="submit"]`);
  assert.ok((await textOf(v)).includes(t(lang, 'vendor.notice.submitted')));
  await shot(v, '3-submitted');
  stored = await store.submissions.get(id);
  assert.equal(stored?.status, 'submitted');
  return id;
}

/** The regulator of the jurisdiction finds the submission in the review queue, takes it and approves it; returns the certificate. */
async function regulatorApproves({ world, journey, newPage, shot }: Steps, id: string): Promise<CertificateRecord> {
  const { lang } = journey;
  const store = world.registry.store;
  const regulator: Person = await world.person('regulator', { jurisdiction: journey.jurisdiction, org: journey.authority });
  const r = await newPage();
  await signInThroughForm(r, regulator.email, regulator.password, lang);
  assert.equal(await pathOf(r), '/review');
  await shot(r, '4-review-queue');
  await clickAndWait(r, `#review-queue tr[data-submission="${id}"] a`);
  assert.equal(await pathOf(r), `/review/${id}`);
  await clickAndWait(r, `form[action="/review/${id}/take"] button[type="submit"]`);
  await r.click('input[name="decision"][value="approve"]');
  await typeInto(r, '#comment', lang === 'fa' ? 'همه بندها رعایت شده است.' : 'Все пункты выполнены.');
  await shot(r, '5-decision');
  await clickAndWait(r, `form[action="/review/${id}/decision"] button[type="submit"]`);
  assert.ok((await textOf(r)).includes(t(lang, 'review.decision.recorded.approve')), await textOf(r));
  const stored = await store.submissions.get(id);
  assert.equal(stored?.status, 'approved');
  const [certificate] = await store.certificates.listBySubmission(id);
  assert.ok(certificate, 'no certificate was issued');
  assert.equal(certificate.jurisdiction, journey.jurisdiction);
  assert.equal(certificate.model, journey.names.model);
  assert.equal(certificate.revision, 2);
  return certificate;
}

/**
 * A customs officer of the jurisdiction finds the certificate in the register, verifies it by number and by a photo
 * of its QR code (written to `photos`), creates the customs document and downloads both PDFs.
 */
async function officerClearsShipment({ world, journey, newPage, shot }: Steps, certificate: CertificateRecord, photos: string): Promise<void> {
  const { lang } = journey;
  const store = world.registry.store;
  const officer: Person = await world.person('customs', { jurisdiction: journey.jurisdiction, org: journey.customsOffice });
  // A customs officer finds it in the register by manufacturer and model.
  const c = await newPage();
  await signInThroughForm(c, officer.email, officer.password, lang);
  await clickAndWait(c, 'header nav a[href="/register"]');
  await typeInto(c, '#manufacturer', journey.names.manufacturer);
  await typeInto(c, '#model', journey.names.model);
  await clickAndWait(c, 'form.search-form button[type="submit"]');
  const found = await c.$$eval('table.register tbody tr', (rows: PageElement[]) => rows.map((row) => row.innerText.replace(/\s+/g, ' ').trim()));
  assert.equal(found.length, 1, `register rows at ${c.url()}: ${found.join(' | ')}`);
  assert.ok(found[0]!.includes(certificate.number) && found[0]!.includes(t(lang, 'public.status.valid')), found[0]);
  await shot(c, '6-register');

  // Verifies it by number...
  await clickAndWait(c, 'header nav a[href="/verify"]');
  await typeInto(c, '#number', certificate.number);
  await clickAndWait(c, 'form[action="/verify"] button[type="submit"]');
  const verdict = async () => ({
    heading: await spokenText(c, '#verdict-heading'),
    tones: await c.$$eval('.verdict, .results .result', (boxes: PageElement[]) => boxes.map((box) => box.className)),
    number: await c.$eval('h1 bdi.token', (b: PageElement) => b.textContent),
  });
  assert.deepEqual(await verdict(), { heading: t(lang, 'public.verdict.valid'), tones: ['verdict ok', 'result ok', 'result ok', 'result ok'], number: certificate.number });
  await shot(c, '7-verified-by-number');

  // ...and by a photo of its QR code.
  const photo = join(photos, `qr-${lang}.png`);
  await QRCode.toFile(photo, certificateVerificationUrl(world.baseUrl, certificate.number, certificate.credentialHash), { type: 'png', width: 600, margin: 8 });
  await clickAndWait(c, 'header nav a[href="/verify"]');
  const fileInput = await c.$('#photo');
  assert.ok(fileInput);
  await fileInput.uploadFile(photo);
  await clickAndWait(c, 'form[action="/verify/photo"] button[type="submit"]');
  const reached = new URL(c.url());
  assert.equal(reached.pathname, '/verify');
  assert.equal(reached.searchParams.get('number'), certificate.number);
  assert.equal(reached.searchParams.get('h'), certificate.credentialHash);
  assert.deepEqual(await verdict(), { heading: t(lang, 'public.verdict.valid'), tones: ['verdict ok', 'result ok', 'result ok', 'result ok'], number: certificate.number });
  await shot(c, '8-verified-by-qr-photo');

  // Creates the customs document for a shipment from the form.
  await clickAndWait(c, 'header nav a[href="/customs/new"]');
  await typeInto(c, '#number', certificate.number);
  await typeInto(c, '#importer', lang === 'fa' ? 'بازرگانی خزر' : 'ООО «Каспий Трейд»');
  await typeInto(c, '#consignmentReference', `CNS-${lang.toUpperCase()}-0042`);
  await typeInto(c, '#model', journey.names.model);
  await typeInto(c, '#quantity', '3');
  await typeInto(c, '#hsCode', '8517');
  await typeInto(c, '#serials', 'SN-0001\nSN-0002\nSN-0003');
  await shot(c, '9-customs-form');
  await clickAndWait(c, 'form[action="/customs/new"] button[type="submit"]');
  const documentId = /^\/customs\/documents\/([0-9a-f-]{36})$/.exec(await pathOf(c))?.[1];
  assert.ok(documentId, `the form did not create a document but shows ${c.url()}: ${await textOf(c)}`);
  const document = await store.customsDocuments.get(documentId);
  assert.ok(document, 'the customs document is not stored');
  assert.equal(document.number, certificate.number);
  assert.equal(document.importingJurisdiction, journey.jurisdiction);
  assert.ok(document.documentNumber && (await textOf(c)).includes(document.documentNumber));
  const shipment = (document.attestation as { shipment: Record<string, unknown> }).shipment;
  assert.deepEqual([shipment.model, shipment.quantity, shipment.serials], [journey.names.model, 3, ['SN-0001', 'SN-0002', 'SN-0003']]);
  await shot(c, '10-customs-document');
  await phoneScreenshot(c, `journey-${lang}-10-customs-document`);

  // Downloads both PDFs in the officer's language, as the links on the page fetch them.
  const links = await c.$$eval(`ul.downloads a[hreflang="${lang}"]`, (anchors: PageElement[]) => anchors.map((a) => a.href));
  const customsPdf = links.find((href) => href.includes('/customs/documents/'));
  const certificatePdf = links.find((href) => href.includes(`/certificates/${certificate.number}.pdf`));
  assert.ok(customsPdf && certificatePdf, `PDF links: ${links.join(', ')}`);
  for (const href of [customsPdf, certificatePdf]) {
    const pdf = await fetchFromPage(c, href);
    assert.deepEqual({ status: pdf.status, type: pdf.type, head: pdf.head.slice(0, 5) }, { status: 200, type: 'application/pdf', head: '%PDF-' }, href);
    assert.ok(pdf.size > 1000, `${href} is only ${pdf.size} bytes`);
  }
}


describe('the journey from form to border, in a real browser', () => {
  let world: BrowserWorld;
  let photos: ReturnType<typeof tempDir>;
  before(async () => {
    world = await startBrowserWorld();
    photos = tempDir('irru-qr-photo-');
  });
  after(async () => {
    await world?.close();
    photos?.remove();
  });

  for (const journey of journeys) {
    test(`${journey.lang === 'fa' ? 'in Persian, approved in Iran' : 'in Russian, approved in Russia'}: vendor, regulator and customs officer`, async () => {
      const opened: Page[] = [];
      const newPage = async () => {
        const page = await world.newPage();
        opened.push(page);
        return page;
      };
      const steps: Steps = { world, journey, newPage, shot: (page, name) => screenshot(page, `journey-${journey.lang}-${name}`) };
      try {
        const id = await vendorSubmits(steps);
        const certificate = await regulatorApproves(steps, id);
        await officerClearsShipment(steps, certificate, photos.path);
      } catch (error) {
        // What each person was looking at when it failed, for the artifacts.
        for (const [index, page] of opened.entries()) await screenshot(page, `journey-${journey.lang}-failed-${index + 1}`).catch(() => undefined);
        throw error;
      }
    });
  }
});
