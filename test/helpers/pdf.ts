import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

/** jsqr is CommonJS: under nodenext its function is the default import's `default`. */
const jsQR = jsQRModule.default;

/**
 * The text of a PDF by poppler's pdftotext, or of one page when `page` is given: laid out as printed, or with
 * `raw` in the order it was drawn (a value wrapped over lines beside another column then reads contiguously).
 * Without the directional embedding marks (U+202A–U+202C) pdftotext itself puts around right-to-left runs.
 */
export function pdfText(file: string, { page, raw = false }: { page?: number; raw?: boolean } = {}): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const text = execFileSync('pdftotext', [raw ? '-raw' : '-layout', ...range, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text.replace(/[\u202A-\u202C]/g, '');
}

/** The text of each page (page 1 first), from one pdftotext run; `raw` as for {@link pdfText}. */
export function pdfPages(file: string, options: { raw?: boolean } = {}): string[] {
  const pages = pdfText(file, options).split('\f');
  return pages.at(-1)?.trim() === '' ? pages.slice(0, -1) : pages;
}

/**
 * The drawn (`raw`) text of every page without its "N / M" page number line, and without the block that page 1
 * and page 2 begin with (a repeated header) on pages after the first: a value that continues over a page
 * break then reads contiguously.
 */
export function pdfTextWithoutRepeatedHeader(file: string): string {
  const raw = pdfPages(file, { raw: true });
  const pages = raw.map((text, i) => text.split('\n').filter((line) => line.replace(/\s/g, '') !== `${i + 1}/${raw.length}`));
  if (pages.length < 2) return pages.flat().join('\n');
  let header = 0;
  while (header < pages[0]!.length && pages[0]![header] === pages[1]![header]) header += 1;
  return [pages[0]!, ...pages.slice(1).map((lines) => lines.slice(header))].flat().join('\n');
}

/** The number of pages of a PDF (pdfinfo). */
export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** The QR code found on a page of a PDF rendered at 200 dpi (pdftoppm + jsqr), or null when there is none. */
export function decodeQr(pdfFile: string, dir: string, page = 1): string | null {
  execFileSync('pdftoppm', ['-png', '-r', '200', '-f', String(page), '-l', String(page), '-singlefile', pdfFile, join(dir, 'page')]);
  const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

/** Text without any whitespace: long values wrap across lines, so compare them this way. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
