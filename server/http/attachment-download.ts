import type { Response } from 'express';
import type { AttachmentRecord } from '../store/port.ts';

/** `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987>`: safe for any stored name. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored attachment as a download that no browser runs or sniffs (API and pages alike): its sniffed
 * type, `nosniff`, a sandboxing CSP, never cached, and its SHA-256 as a Digest.
 */
export function sendAttachment(res: Response, attachment: AttachmentRecord, bytes: Uint8Array): void {
  res.set({
    'Content-Type': attachment.mediaType,
    'Content-Disposition': contentDisposition(attachment.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
    Digest: `sha-256=${Buffer.from(attachment.sha256, 'hex').toString('base64')}`,
  });
  res.send(Buffer.from(bytes));
}
