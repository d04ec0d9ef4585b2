import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DomainError } from '../domain/errors.ts';

/** Renders self-contained HTML to PDF. */
export interface PdfRenderer {
  /** A4 PDF of the HTML, each page numbered "N / M" in its bottom margin; DomainError('unavailable') when Chromium cannot be started. */
  render(html: string): Promise<Buffer>;
  /** Closes the browser (if it was started) and removes its profile directory. */
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  /** Chromium binary (CHROMIUM_PATH, default /usr/bin/chromium). */
  executablePath: string;
  /** Pages rendered at once; more requests wait their turn (default 2). */
  concurrency?: number;
  /** Per-page time limit in ms (default 20 s). */
  timeoutMs?: number;
}

const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-extensions', '--disable-dev-shm-usage', '--font-render-hinting=none',
];

/** A counting semaphore: at most `limit` holders at once, the others queue in order. */
function createSlots(limit: number) {
  let free = limit;
  const waiting: Array<() => void> = [];
  return {
    async acquire(): Promise<void> {
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}

/** "N / M" in the bottom page margin of every page, so a missing page of a long document shows. */
const pageNumberFooter = '<div style="width:100%;text-align:center;font:7pt sans-serif;color:#57606a"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/** Locks a page down: no JavaScript, and every request but data: URLs aborted (templates are self-contained). */
async function lockDown(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().startsWith('data:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
}

/**
 * One headless Chromium, launched lazily on the first render (fresh temporary profile, no network
 * features) and reused; pages render concurrently up to `concurrency`. A missing or broken Chromium gives
 * DomainError('unavailable') and the next render tries again.
 */
export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const slots = createSlots(options.concurrency ?? 2);
  const timeout = options.timeoutMs ?? 20_000;
  let starting: Promise<{ browser: Browser; profile: string }> | null = null;

  async function launch(): Promise<{ browser: Browser; profile: string }> {
    if (!existsSync(options.executablePath)) throw new DomainError('unavailable', `PDF rendering is unavailable: no Chromium at ${options.executablePath}`);
    const profile = mkdtempSync(join(tmpdir(), 'irru-chromium-'));
    try {
      const browser = await puppeteer.launch({ executablePath: options.executablePath, headless: true, pipe: true, userDataDir: profile, args: [`--user-data-dir=${profile}`, ...chromiumFlags] });
      browser.on('disconnected', () => {
        starting = null;
      });
      return { browser, profile };
    } catch (error) {
      rmSync(profile, { recursive: true, force: true });
      throw new DomainError('unavailable', `PDF rendering is unavailable: Chromium did not start (${(error as Error).message.split('\n')[0]})`);
    }
  }

  function browser() {
    starting ??= launch().catch((error: unknown) => {
      starting = null;
      throw error;
    });
    return starting;
  }

  return {
    async render(html) {
      const { browser: chromium } = await browser();
      await slots.acquire();
      let page: Page | null = null;
      try {
        page = await chromium.newPage();
        await lockDown(page);
        await page.setContent(html, { waitUntil: 'load', timeout });
        return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: pageNumberFooter, timeout }));
      } finally {
        await page?.close().catch(() => undefined);
        slots.release();
      }
    },
    async close() {
      const current = starting;
      starting = null;
      if (!current) return;
      const { browser: chromium, profile } = await current.catch(() => ({ browser: null, profile: null }));
      await chromium?.close().catch(() => undefined);
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
