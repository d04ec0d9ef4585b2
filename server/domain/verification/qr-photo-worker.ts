import { parentPort, workerData } from 'node:worker_threads';
import { decodeImage, findQrCode, type QrPhotoFormat } from './qr-photo.ts';

/** One photo per worker: decode it, search it for a QR code, answer, end. */
const { bytes, format, maxPixels } = workerData as { bytes: Uint8Array; format: QrPhotoFormat; maxPixels: number };
let answer: { payload: string | null } | { unreadable: true };
try {
  answer = { payload: findQrCode(decodeImage(bytes, format, maxPixels)) };
} catch {
  answer = { unreadable: true };
}
parentPort!.postMessage(answer);
