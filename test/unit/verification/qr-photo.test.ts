import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { findQrCode, imageDimensions, rotatedQuarter, scaledDown, type RgbaImage } from '../../../server/domain/verification/qr-photo.ts';

const payload = 'http://registry.test/v/IRRU-IR-2026-000001-9#h=' + 'ab'.repeat(32);

/** A grey "photo" of `width` × `height` with the QR code drawn `scale` times larger at (left, top). */
async function photoWithQr(width: number, height: number, scale: number, left: number, top: number): Promise<RgbaImage> {
  const qr = PNG.sync.read(await QRCode.toBuffer(payload, { type: 'png', margin: 4, scale: 1 }));
  const data = new Uint8Array(width * height * 4).fill(170);
  for (let y = 0; y < qr.height * scale; y += 1) {
    for (let x = 0; x < qr.width * scale; x += 1) {
      const from = (Math.floor(y / scale) * qr.width + Math.floor(x / scale)) * 4;
      const to = ((top + y) * width + left + x) * 4;
      data.set(qr.data.subarray(from, from + 3), to);
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

describe('QR photos', () => {
  test('the size a PNG or JPEG declares is read from its header, before anything is decoded', () => {
    const png = new PNG({ width: 37, height: 21 });
    assert.deepEqual(imageDimensions(PNG.sync.write(png), 'png'), { width: 37, height: 21 });
    const jpg = jpeg.encode({ width: 53, height: 19, data: Buffer.alloc(53 * 19 * 4, 128) }, 80).data;
    assert.deepEqual(imageDimensions(jpg, 'jpg'), { width: 53, height: 19 });
    assert.equal(imageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'jpg'), null);
    assert.equal(imageDimensions(Buffer.alloc(10), 'png'), null);
  });

  test('a quarter turn moves the top-left pixel to the top-right', () => {
    const image: RgbaImage = { width: 3, height: 2, data: new Uint8Array(3 * 2 * 4) };
    image.data.set([1, 2, 3, 255], 0);
    const turned = rotatedQuarter(image);
    assert.deepEqual([turned.width, turned.height], [2, 3]);
    assert.deepEqual([...turned.data.subarray(4, 8)], [1, 2, 3, 255], 'pixel (0,0) is now at (1,0)');
  });

  test('scaling down averages blocks of pixels and keeps small images as they are', () => {
    const image: RgbaImage = { width: 4, height: 2, data: new Uint8Array([0, 0, 0, 255, 200, 200, 200, 255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 100, 100, 255, 100, 100, 100, 255, 0, 0, 0, 255, 0, 0, 0, 255]) };
    const half = scaledDown(image, 2);
    assert.deepEqual([half.width, half.height], [2, 1]);
    assert.deepEqual([...half.data.subarray(0, 4)], [100, 100, 100, 255]);
    assert.equal(scaledDown(image, 8), image);
  });

  test('a QR code in a large photo is found after scaling down, and in a photo taken sideways', async () => {
    const photo = await photoWithQr(3000, 2000, 12, 900, 400);
    assert.equal(findQrCode(photo), payload);
    assert.equal(findQrCode(rotatedQuarter(photo)), payload);
    const blank: RgbaImage = { width: 800, height: 600, data: new Uint8Array(800 * 600 * 4).fill(255) };
    assert.equal(findQrCode(blank), null);
  });
});
