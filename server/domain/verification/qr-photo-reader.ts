import { Worker } from 'node:worker_threads';
import { fileTypeFromBuffer } from 'file-type';
import { imageDimensions, type QrPhotoFormat } from './qr-photo.ts';

/** What a QR photo may be: bytes, pixels, and how long and how many may be read at once. */
export const qrPhotoLimits = Object.freeze({ maxBytes: 8 * 1024 * 1024, maxPixels: 24_000_000, timeBudgetMs: 30_000, concurrent: 2 });

/** Why no QR payload could be read from a photo. */
export type QrPhotoProblem = 'empty' | 'not_an_image' | 'too_many_pixels' | 'unreadable_image' | 'no_qr_code' | 'too_slow' | 'busy';

export type QrPhotoReading = { payload: string } | { problem: QrPhotoProblem };

const entry = new URL('./qr-photo-worker.ts', import.meta.url);
// The check pool's bootstrap: lowers the thread's priority and loads TypeScript entries.
const bootstrap = new URL('../checking/worker-bootstrap.mjs', import.meta.url);
let reading = 0;

/** Decodes and searches the photo in a worker thread, so a large photo never holds the event loop; ended at the time budget. */
function searchInWorker(bytes: Uint8Array, format: QrPhotoFormat): Promise<QrPhotoReading> {
  return new Promise((resolve) => {
    const worker = new Worker(bootstrap, { workerData: { entry: entry.href, bytes, format, maxPixels: qrPhotoLimits.maxPixels }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 256 } });
    worker.unref();
    let settled = false;
    const settle = (result: QrPhotoReading) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ problem: 'too_slow' }), qrPhotoLimits.timeBudgetMs);
    worker.on('message', (answer: { payload: string | null } | { unreadable: true }) => {
      if ('unreadable' in answer) settle({ problem: 'unreadable_image' });
      else settle(answer.payload === null ? { problem: 'no_qr_code' } : { payload: answer.payload });
    });
    worker.on('error', () => settle({ problem: 'unreadable_image' }));
    worker.on('exit', () => settle({ problem: 'unreadable_image' }));
  });
}

/**
 * The text of the QR code in a photo (PNG or JPEG, judged by content, never by name or declared type), or why
 * there is none: empty, not an image of those kinds, over 24 million pixels (read from the header before
 * decoding), unreadable, no QR code found (also after a quarter turn), `too_slow` when decoding and searching
 * took longer than the time budget (a pure-JavaScript JPEG decoder needs seconds for a large photo), or `busy`
 * when as many photos as allowed are being read already. The size limit in bytes is the caller's (the upload parser's).
 */
export async function readQrPhoto(bytes: Uint8Array): Promise<QrPhotoReading> {
  if (bytes.byteLength === 0) return { problem: 'empty' };
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed?.ext !== 'png' && sniffed?.ext !== 'jpg') return { problem: 'not_an_image' };
  const size = imageDimensions(bytes, sniffed.ext);
  if (!size) return { problem: 'unreadable_image' };
  if (size.width * size.height > qrPhotoLimits.maxPixels) return { problem: 'too_many_pixels' };
  if (reading >= qrPhotoLimits.concurrent) return { problem: 'busy' };
  reading += 1;
  try {
    return await searchInWorker(bytes, sniffed.ext);
  } finally {
    reading -= 1;
  }
}
