import QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG data URL, for an <img> in a self-contained template (data: URLs are the only
 * requests the PDF renderer lets through). Error correction M, a 4-module quiet zone.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
