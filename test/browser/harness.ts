/**
 * Browser tests: a real registry listening on a local port, driven by Debian's headless Chromium through
 * puppeteer-core. One Chromium per test file; each person gets their own browser context (own cookies),
 * and pages are reused within a context. axe-core scans pages for accessibility problems; screenshots go
 * to test-artifacts/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type HTTPResponse, type Page } from 'puppeteer-core';
import { loadConfig } from '../../server/config.ts';
import type { Jurisdiction, OrganisationKind, Role, UserRecord } from '../../server/store/port.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { givePassword, testPassword } from '../helpers/web.ts';
import type { PageElement, PageGlobals } from './in-page.ts';
import { publishRadioStandard } from './radio-standard.ts';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Where screenshots are written (git-ignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts');

/** The phone the pages must fit: 360 CSS pixels wide. */
export const phoneViewport = { width: 360, height: 740, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const desktopViewport = { width: 1280, height: 900, deviceScaleFactor: 1 };

export type Language = 'en' | 'ru' | 'fa';

/** Which registry each page belongs to, so helpers take paths. */
const baseOfPage = new WeakMap<Page, string>();

/** A person who signs in through the form (e-mail and password); `auth` is their API Bearer header, for seeding. */
export interface Person {
  user: UserRecord;
  email: string;
  password: string;
  auth: string;
}

/** A registry on a real port with a Chromium to drive it. */
export interface BrowserWorld {
  registry: TestRegistry;
  /** http://127.0.0.1:<port>, also the registry's PUBLIC_BASE_URL (QR codes and links point here). */
  baseUrl: string;
  browser: Browser;
  /** Creates a user of the role with a password (organisation and jurisdiction as given). */
  person(role: Role, options?: { org?: string; orgKind?: OrganisationKind; jurisdiction?: Jurisdiction | null }): Promise<Person>;
  /** A fresh browser context (its own cookies) with one page in it, at the desktop viewport. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** CHROMIUM_PATH as the environment gives it (unset: the registry's default, Debian's /usr/bin/chromium). */
const chromiumEnv = { CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '' };

/** The Chromium to drive: the same the registry prints PDFs with. */
function chromiumPath(): string {
  const path = loadConfig(chromiumEnv).chromiumPath;
  if (!existsSync(path)) throw new Error(`no Chromium at ${path}: run scripts/install-system-deps.sh (Debian package chromium) or set CHROMIUM_PATH`);
  return path;
}

/** Chromium's sandbox cannot run as root (containers, CI); elsewhere it stays on. */
function chromiumArgs(): string[] {
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--disable-sync', '--font-render-hinting=none'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the registry (fresh temporary store with the shipped standards and the translated TEST-RADIO)
 * listening on 127.0.0.1, and one headless Chromium. The HTTP server listens first so the registry's
 * PUBLIC_BASE_URL is its real address (QR codes and verification links then work in the browser).
 */
export async function startBrowserWorld(): Promise<BrowserWorld> {
  let registry: TestRegistry | undefined;
  const server: Server = createServer((req, res) => {
    if (!registry) {
      res.statusCode = 503;
      res.end();
      return;
    }
    registry.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    // Chromium shares the cores with the other suites, and check workers run at a lower priority: the budgets
    // are not under test here, so a busy machine must not turn a check into check_too_expensive.
    registry = await startRegistry({ shipped: true, env: { PUBLIC_BASE_URL: baseUrl, CHECK_TIME_BUDGET_MS: '30000', CHECK_COMPILE_BUDGET_MS: '60000', ...chromiumEnv } });
    const publisher = await registry.login('regulator', { jurisdiction: 'IR', org: 'Standards desk (browser tests)' });
    await publishRadioStandard(registry, publisher.auth);
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: chromiumArgs() });
  } catch (error) {
    await closeServer(server);
    await registry?.close();
    throw error;
  }
  const started = registry;
  const contexts: BrowserContext[] = [];

  return {
    registry: started,
    baseUrl,
    browser,
    async person(role, options = {}) {
      const { user, auth } = await started.login(role, options);
      await givePassword(started, user.id, testPassword);
      return { user, email: user.email, password: testPassword, auth };
    },
    async newPage() {
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.setViewport(desktopViewport);
      page.setDefaultTimeout(30_000);
      page.setDefaultNavigationTimeout(30_000);
      baseOfPage.set(page, baseUrl);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await closeServer(server);
      await started.close();
    },
  };
}

/** Navigates and waits for the document; fails the test on anything but the expected HTTP status. */
async function visit(page: Page, url: string, expectedStatus = 200): Promise<HTTPResponse> {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.ok(response, `no response for ${url}`);
  // A page the browser revalidated from its cache (304) is the page it shows.
  const status = response.status() === 304 ? 200 : response.status();
  assert.equal(status, expectedStatus, `${url} answered ${response.status()}`);
  return response;
}

/** Clicks what starts a navigation (a submit button, a link) and waits for the new document. */
export async function clickAndWait(page: Page, selector: string): Promise<HTTPResponse | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  return response;
}

/**
 * Types into a field as a person would (what was there is cleared first). A field inside a closed
 * disclosure (<details>) is revealed first, as a person opens it to reach the field. Fails when the
 * field does not hold the text afterwards (the keys went elsewhere).
 */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const closedSummary = await page.$(`details:not([open]):has(${selector}) > summary`);
  if (closedSummary) await closedSummary.click();
  await page.$eval(selector, (element: PageElement) => {
    element.value = '';
  });
  await page.type(selector, value);
  const typed = await page.$eval(selector, (element: PageElement) => element.value);
  assert.equal(typed, value, `typing into ${selector} did not land`);
}

function absolute(page: Page, path: string): string {
  const base = baseOfPage.get(page);
  if (!base) throw new Error('the page was not opened with world.newPage()');
  return new URL(path, base).href;
}

/** Opens a path of the page's registry and checks the HTTP status. */
export async function open(page: Page, path: string, expectedStatus = 200): Promise<HTTPResponse> {
  return visit(page, absolute(page, path), expectedStatus);
}

/**
 * Signs in through the sign-in form, as a person would: types the e-mail and password and presses the
 * button. `lang` opens the form in that language (the language cookie remembers it afterwards).
 */
export async function signInThroughForm(page: Page, email: string, password: string, lang?: Language): Promise<void> {
  await open(page, lang ? `/sign-in?lang=${lang}` : '/sign-in');
  await typeInto(page, 'input[name="email"]', email);
  await typeInto(page, 'input[name="password"]', password);
  await clickAndWait(page, 'form[action="/sign-in"] button[type="submit"]');
  assert.ok(!new URL(page.url()).pathname.startsWith('/sign-in'), `sign-in as ${email} stayed on ${page.url()}: ${await textOf(page)}`);
}

/** One accessibility problem axe found: rule, impact, help text and the elements (selector and HTML). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; html: string; summary: string }>;
}

let axeSource: string | undefined;

/** The part of axe-core's API the scan uses. */
interface AxeApi {
  run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }> }> }>;
}

/**
 * Runs axe-core on the page (WCAG 2.0 A/AA and 2.1 AA rules) and returns the serious and critical
 * violations. axe is evaluated through the DevTools protocol, so the page's Content-Security-Policy stays
 * as it is for everything the page itself does.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals & { axe: AxeApi };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id, impact: violation.impact, help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), html: node.html.slice(0, 300), summary: node.failureSummary ?? '' })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** A readable list of violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`).join('\n');
}

/**
 * Writes a full-page PNG of the page to test-artifacts/<name>.png and returns its path. The viewport grows to
 * the page's height instead of capturing beyond it: Chromium's beyond-viewport capture shifts right-to-left pages.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: true, captureBeyondViewport: false });
  return path;
}

/** The same screenshot at the phone's width (360 px), then back to the desktop viewport. */
export async function phoneScreenshot(page: Page, name: string): Promise<string> {
  await page.setViewport(phoneViewport);
  try {
    return await screenshot(page, `${name}-360px`);
  } finally {
    await page.setViewport(desktopViewport);
  }
}

/**
 * How wide the page is laid out (`document.documentElement.scrollWidth`) against the viewport (a phone
 * emulation widens its layout viewport to fit what sticks out), and the first elements that stick out
 * outside a sideways-scrolling table wrapper, for the failure message.
 */
export async function pageWidth(page: Page): Promise<{ scroll: number; viewport: number; outside: string[] }> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    const visible = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('main *, header *')]
      .filter((element) => !element.closest('.table-wrap') && !element.classList.contains('skip'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > visible + 1 || box.left < -1);
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`);
    return { scroll: document.documentElement.scrollWidth, viewport: innerWidth, outside };
  });
}

/** The page's visible text (normalised whitespace). */
export async function textOf(page: Page, selector = 'main'): Promise<string> {
  const text = await page.$eval(selector, (element: PageElement) => element.innerText);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Fetches a URL from inside the page (same origin, with the page's cookies) and returns its status, type
 * and first bytes as text: what a click on a download link would fetch.
 */
export async function fetchFromPage(page: Page, href: string): Promise<{ status: number; type: string; head: string; size: number; disposition: string }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status, type: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '',
      head: String.fromCharCode(...bytes.slice(0, 8)), size: bytes.length,
    };
  }, href);
}

