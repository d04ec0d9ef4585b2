import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

/** jsqr is CommonJS: under nodenext its function is the default import's `default`. */
const jsQR = jsQRModule.default;

/** The image formats a QR photo may have, as file-type names them. */
export type QrPhotoFormat = 'png' | 'jpg';

/** An image as RGBA bytes, four per pixel, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The longest side the QR search looks at: photos are scaled down to it (finder patterns stay many pixels wide). */
const searchSides = [1600, 800];

function pngDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  // 8-byte signature, then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** SOF0–SOF15 hold the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isFrameMarker = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (isFrameMarker(marker)) return { height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!, width: (bytes[offset + 7]! << 8) | bytes[offset + 8]! };
    offset += 2 + length;
  }
  return null;
}

/** The width and height an image's header declares, read without decoding it; null when the header is unreadable. */
export function imageDimensions(bytes: Uint8Array, format: QrPhotoFormat): { width: number; height: number } | null {
  const size = format === 'png' ? pngDimensions(bytes) : jpegDimensions(bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/** The bytes at a 4-byte-aligned offset (pooled Buffers may start anywhere), copied only when they are not. */
const aligned = (data: Uint8Array) => (data.byteOffset % 4 === 0 ? data : new Uint8Array(data));

/** Decodes a PNG or JPEG to RGBA (4-byte aligned); throws when the bytes are not a readable image or exceed `maxPixels`. */
export function decodeImage(bytes: Uint8Array, format: QrPhotoFormat, maxPixels: number): RgbaImage {
  if (format === 'jpg') {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxPixels / 1_000_000, maxMemoryUsageInMB: 512 });
    return { width: image.width, height: image.height, data: aligned(image.data) };
  }
  const image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (image.width * image.height > maxPixels) throw new Error('too many pixels');
  return { width: image.width, height: image.height, data: onWhite(aligned(image.data)) };
}

/** Transparent pixels laid on white, as a screen shows them (a QR code on a transparent background would read as black on black). */
function onWhite(data: Uint8Array): Uint8Array {
  for (let i = 3; i < data.length; i += 4) {
    const alpha = data[i]!;
    if (alpha === 255) continue;
    for (let c = i - 3; c < i; c += 1) data[c] = (data[c]! * alpha + 255 * (255 - alpha)) / 255;
    data[i] = 255;
  }
  return data;
}

/** The image shrunk by averaging blocks of pixels until its longest side is at most `side` (the image itself when it already is). */
export function scaledDown(image: RgbaImage, side: number): RgbaImage {
  const factor = Math.ceil(Math.max(image.width, image.height) / side);
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const sums = [0, 0, 0];
      for (let dy = 0; dy < factor; dy += 1) {
        let from = ((y * factor + dy) * image.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx += 1, from += 4) {
          sums[0]! += image.data[from]!;
          sums[1]! += image.data[from + 1]!;
          sums[2]! += image.data[from + 2]!;
        }
      }
      const to = (y * width + x) * 4;
      data[to] = sums[0]! / area;
      data[to + 1] = sums[1]! / area;
      data[to + 2] = sums[2]! / area;
      data[to + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The image turned a quarter turn clockwise. */
export function rotatedQuarter(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  const data = new Uint8Array(width * height * 4);
  const pixels = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const turned = new Uint32Array(data.buffer);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) turned[x * height + (height - 1 - y)] = pixels[y * width + x]!;
  }
  return { width: height, height: width, data };
}

function qrIn(image: RgbaImage): string | null {
  const clamped = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.width * image.height * 4);
  return jsQR(clamped, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/**
 * The text of the first QR code found in the image, or null. The photo is searched scaled down (a phone
 * photo's QR code has modules many pixels wide), then turned a quarter (EXIF orientation is not read), then
 * at a smaller scale. The image must be RGBA with 4-byte-aligned data.
 */
export function findQrCode(image: RgbaImage): string | null {
  for (const side of searchSides) {
    const scaled = scaledDown(image, side);
    const found = qrIn(scaled) ?? qrIn(rotatedQuarter(scaled));
    if (found !== null) return found;
    if (Math.max(image.width, image.height) <= side) break;
  }
  return null;
}
