/**
 * Every page type, in Persian and in English, scanned by axe-core in headless Chromium: no serious or critical
 * WCAG 2.1 A/AA violation, the document's language and direction right, no script error or blocked
 * resource; key pages also fit a 360 px phone, in Persian and in Russian. Screenshots go to test-artifacts/:
 * every page in Persian, the key pages in English and at 360 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HTTPResponse, Page } from 'puppeteer-core';
import {
  axeScan, clickAndWait, describeViolations, open, pageWidth, phoneScreenshot, phoneViewport, desktopViewport, screenshot, signInThroughForm, startBrowserWorld,
  type BrowserWorld, type Language, type Person,
} from './harness.ts';
import type { PageElement } from './in-page.ts';
import {
  changeCertificateStatus, customsDocument, draftSubmission, issuedCertificate, revisedSubmission, submissionUnderReview, submittedSubmission,
} from './seed.ts';

type Who = 'public' | 'vendor' | 'regulator' | 'customs' | 'admin';

/** What the pages are about: made once, before the scans. */
interface Seeds {
  valid: string;
  revoked: string;
  failingDraft: string;
  /** A draft with two revisions (the second fixes the first). */
  revised: string;
  submitted: string;
  underReview: string;
  customsDocumentId: string;
  admin: Person;
  vendor: Person;
}

/** One page type: who looks at it, how to reach it, and the HTTP status of the page scanned. */
interface PageCase {
  name: string;
  who: Who;
  path: (seeds: Seeds) => string;
  status?: number;
  /** Shown at 360 px too: nothing may be cut off or scroll sideways. */
  phone?: boolean;
  /**
   * Something to do on the page at `path` (200) before the scan, such as sending a form with mistakes; it ends
   * on the page to scan and returns its response.
   */
  then?: (page: Page) => Promise<HTTPResponse | null>;
}

/** Sends the page's form (the first POST form in `main` unless said) as it is, and waits for the answer. */
function sendFormAsIs(page: Page, button = 'main form[method="post"] button[type="submit"]'): Promise<HTTPResponse | null> {
  return clickAndWait(page, button);
}

/** Opens the case's page in the language and does its `then`; fails unless the page scanned answered with the case's status. */
async function reach(page: Page, pageCase: PageCase, seeds: Seeds, lang: Language): Promise<void> {
  const path = inLanguage(pageCase.path(seeds), lang);
  if (!pageCase.then) {
    await open(page, path, pageCase.status ?? 200);
    return;
  }
  await open(page, path);
  const response = await pageCase.then(page);
  assert.equal(response?.status(), pageCase.status ?? 200, `${pageCase.name}: ${page.url()}`);
}

const pageCases: PageCase[] = [
  { name: 'sign-in', who: 'public', path: () => '/sign-in', phone: true },
  { name: 'sign-in with errors', who: 'public', path: () => '/sign-in', status: 422, then: (page) => sendFormAsIs(page) },
  { name: 'standards list', who: 'public', path: () => '/standards', phone: true },
  { name: 'standard page', who: 'public', path: () => '/standards/IRRU-UE/1.0.0', phone: true },
  { name: 'register search', who: 'public', path: () => '/register' },
  { name: 'register results', who: 'public', path: () => '/register?q=Pars', phone: true },
  { name: 'verify', who: 'public', path: () => '/verify', phone: true },
  { name: 'verify with an error', who: 'public', path: () => '/verify?number=IRRU-IR-2026-000001-0', status: 422 },
  { name: 'verify result, valid', who: 'public', path: (s) => `/verify?number=${s.valid}`, phone: true },
  { name: 'verify result, revoked', who: 'public', path: (s) => `/verify?number=${s.revoked}`, phone: true },
  { name: 'certificate page', who: 'public', path: (s) => `/certificates/${s.valid}`, phone: true },
  { name: 'certificate page with status forms', who: 'regulator', path: (s) => `/certificates/${s.valid}` },
  { name: 'revoked certificate page', who: 'public', path: (s) => `/certificates/${s.revoked}` },
  { name: 'vendor dashboard', who: 'vendor', path: () => '/submissions', phone: true },
  { name: 'new submission, choosing the standard', who: 'vendor', path: () => '/submissions/new' },
  { name: 'new submission form', who: 'vendor', path: () => '/submissions/new?standard=TEST-RADIO%401.0.0', phone: true },
  {
    name: 'new submission form with errors', who: 'vendor', path: () => '/submissions/new?standard=TEST-RADIO%401.0.0', status: 422, phone: true,
    then: (page) => sendFormAsIs(page, 'form.spec-form .actions button[value="check"]'),
  },
  { name: 'submission result', who: 'vendor', path: (s) => `/submissions/${s.failingDraft}`, phone: true },
  { name: 'revisions side by side', who: 'vendor', path: (s) => `/submissions/${s.revised}/revisions`, phone: true },
  { name: 'my certificates', who: 'vendor', path: () => '/my-certificates' },
  { name: 'review queue', who: 'regulator', path: () => '/review', phone: true },
  { name: 'review page', who: 'regulator', path: (s) => `/review/${s.submitted}`, phone: true },
  { name: 'review page with the decision form', who: 'regulator', path: (s) => `/review/${s.underReview}`, phone: true },
  { name: 'manage standards', who: 'regulator', path: () => '/manage/standards' },
  { name: 'manage one standard', who: 'regulator', path: () => '/manage/standards/TEST-RADIO/1.0.0' },
  { name: 'statistics', who: 'regulator', path: () => '/statistics', phone: true },
  { name: 'account', who: 'vendor', path: () => '/account', phone: true },
  { name: 'admin users', who: 'admin', path: () => '/admin/users' },
  { name: 'admin new user', who: 'admin', path: () => '/admin/users/new' },
  { name: 'admin one user', who: 'admin', path: (s) => `/admin/users/${s.vendor.user.id}` },
  { name: 'customs form', who: 'customs', path: () => '/customs/new', phone: true },
  { name: 'customs form with errors', who: 'customs', path: () => '/customs/new', status: 422, then: (page) => sendFormAsIs(page) },
  { name: 'customs document', who: 'customs', path: (s) => `/customs/documents/${s.customsDocumentId}`, phone: true },
  {
    name: 'stale form', who: 'customs', path: () => '/customs/new', status: 403,
    then: async (page) => {
      // A form whose CSRF token no longer matches (as after a server restart or in a second tab).
      await page.$eval('main form input[name="_csrf"]', (input: PageElement) => { input.value = 'stale'; });
      return sendFormAsIs(page);
    },
  },
  { name: 'error 404', who: 'public', path: () => '/no-such-page', status: 404 },
  { name: 'error 403', who: 'vendor', path: () => '/review', status: 403 },
];

/** The path with `lang` set in its query. */
function inLanguage(path: string, lang: Language): string {
  const url = new URL(path, 'http://x.invalid');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** Script errors and failed loads of anything but the page itself (a page answering 404 or 422 is expected). */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url ?? '';
    if (/Failed to load resource/.test(message.text()) && (source === page.url() || source.endsWith('/favicon.ico'))) return;
    problems.push(`console: ${message.text()} (${source})`);
  });
  return problems;
}

describe('accessibility of every page type', () => {
  let world: BrowserWorld;
  let seeds: Seeds;
  const pages = new Map<Who, Page>();
  const problems = new Map<Who, string[]>();

  before(async () => {
    world = await startBrowserWorld();
    const vendor = await world.person('vendor', { org: 'Pars Radio Co.' });
    const regulator = await world.person('regulator', { jurisdiction: 'IR', org: 'Communications Regulatory Authority of I.R. Iran' });
    const customs = await world.person('customs', { jurisdiction: 'IR', org: 'Islamic Republic of Iran Customs Administration' });
    const admin = await world.person('admin', { org: 'Registry operator' });
    const names = { manufacturer: 'Pars Radio', brand: 'Pars' };
    const valid = (await issuedCertificate(world.registry, vendor.auth, regulator.auth, { ...names, model: 'PR-7' }, 'IR')).certificate.number;
    const revoked = (await issuedCertificate(world.registry, vendor.auth, regulator.auth, { ...names, model: 'PR-9' }, 'IR')).certificate.number;
    await changeCertificateStatus(world.registry, regulator.auth, revoked, 'revoke', 'The test report was not issued by the named laboratory.');
    seeds = {
      valid, revoked, admin, vendor,
      failingDraft: await draftSubmission(world.registry, vendor.auth, { ...names, model: 'PR-11' }, 'IR', 30),
      revised: await draftSubmission(world.registry, vendor.auth, { ...names, model: 'PR-13' }, 'IR', 26),
      submitted: await submittedSubmission(world.registry, vendor.auth, { ...names, model: 'PR-12' }, 'IR'),
      underReview: await submissionUnderReview(world.registry, vendor.auth, regulator.auth, { ...names, model: 'PR-14' }, 'IR'),
      customsDocumentId: await customsDocument(world.registry, customs.auth, valid, 'PR-7'),
    };
    await revisedSubmission(world.registry, vendor.auth, seeds.revised, { ...names, model: 'PR-13' }, 22);
    const people: Record<Exclude<Who, 'public'>, Person> = { vendor, regulator, customs, admin };
    for (const who of ['public', 'vendor', 'regulator', 'customs', 'admin'] as const) {
      const page = await world.newPage();
      problems.set(who, watchForProblems(page));
      if (who !== 'public') await signInThroughForm(page, people[who].email, people[who].password, 'en');
      pages.set(who, page);
    }
  });
  after(() => world?.close());

  test('the scan finds what it must: a page with an unlabelled field, an image without text and poor contrast fails', async () => {
    const page = pages.get('public')!;
    await page.setContent('<!doctype html><html><head><title>broken</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>');
    const found = (await axeScan(page)).map((violation) => violation.id).sort();
    assert.deepEqual(found, ['color-contrast', 'html-has-lang', 'image-alt', 'label']);
  });

  const alsoInEnglish = new Set(['sign-in', 'verify result, valid', 'verify result, revoked', 'new submission form with errors', 'review page with the decision form', 'customs form with errors', 'admin new user']);
  for (const lang of ['fa', 'en'] as const) {
    describe(lang === 'fa' ? 'in Persian' : 'in English', () => {
      // Every page type in Persian (right to left is where layouts break); one page of each role's work in English as well.
      for (const pageCase of pageCases.filter((c) => lang === 'fa' || alsoInEnglish.has(c.name))) {
        test(`${pageCase.name}: no serious or critical violation, ${lang === 'fa' ? 'right to left' : 'left to right'}`, async () => {
          const page = pages.get(pageCase.who)!;
          const seen = problems.get(pageCase.who)!;
          seen.length = 0;
          await reach(page, pageCase, seeds, lang);
          const root = await page.$eval('html', (html: PageElement) => ({ lang: html.lang, dir: html.dir }));
          assert.deepEqual(root, { lang, dir: lang === 'fa' ? 'rtl' : 'ltr' });
          const violations = await axeScan(page);
          if (pageCase.phone) await screenshot(page, `a11y-${lang}-${pageCase.name}`);
          assert.deepEqual(violations.map((v) => v.id), [], `${pageCase.name} (${lang}) at ${page.url()}:\n${describeViolations(violations)}`);
          assert.deepEqual(seen, [], `${pageCase.name} (${lang}) logged problems`);
        });
      }
    });
  }

  describe('on a 360 px phone nothing is cut off and nothing scrolls sideways', () => {
    for (const lang of ['fa', 'ru'] as const) {
      for (const pageCase of pageCases.filter((c) => c.phone)) {
        test(`${pageCase.name} in ${lang === 'fa' ? 'Persian' : 'Russian'}`, async () => {
          const page = pages.get(pageCase.who)!;
          await page.setViewport(phoneViewport);
          try {
            await reach(page, pageCase, seeds, lang);
            const width = await pageWidth(page);
            if (lang === 'fa') await phoneScreenshot(page, `phone-${lang}-${pageCase.name}`);
            assert.ok(width.scroll <= 360 && width.viewport <= 360, `${pageCase.name} (${lang}) is ${width.scroll}px wide; sticking out: ${width.outside.join(', ')}`);
          } finally {
            await page.setViewport(desktopViewport);
          }
        });
      }
    }
  });
});
