/**
 * Uploads: one case per multer advisory fixed in our version (multer 2.5.0), plus double extensions, NUL bytes,
 * too many parts, lying zips and aborted uploads. Each answers a clean 4xx, leaves no descriptor open and no
 * file behind (the data directory, its files/tmp included, is part of the fingerprint).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { lyingXlsx } from '../helpers/lying-zip.ts';
import { exeBytes, htmlBytes, pdfBytes } from '../fixtures/upload-files.ts';
import { as, openDescriptors, settle, type SecurityCase, type World } from './harness.ts';

const boundary = 'irruSecurityBoundary';
const multipartType = `multipart/form-data; boundary=${boundary}`;
const invalid = { status: 400, code: 'validation_failed' } as const;

/** A raw multipart body: each part is its header lines and content; `end: false` leaves out the closing delimiter. */
export function multipart(parts: { headers: string[]; body: Buffer | string }[], options: { end?: boolean } = {}): Buffer {
  const chunks = parts.flatMap((part) => [Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), Buffer.from(part.body), Buffer.from('\r\n')]);
  return Buffer.concat([...chunks, Buffer.from(options.end === false ? '' : `--${boundary}--\r\n`)]);
}

const field = (name: string, value: string) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], body: value });
const file = (name: string, fileName: string, body: Buffer | string, type = 'application/octet-stream') => ({
  headers: [`Content-Disposition: form-data; name="${name}"; filename="${fileName}"`, `Content-Type: ${type}`], body,
});

const attachments = (w: World) => `/api/v1/submissions/${w.submissionId}/attachments`;
const rawUpload = (path: (w: World) => string, body: Buffer, caller: 'vendor' | 'regulator' = 'vendor', type = multipartType) =>
  (w: World) => as(w, caller).post(path(w)).set('Content-Type', type).send(body);

function uploadCase(name: string, send: SecurityCase['send'], expect: SecurityCase['expect'] = invalid): SecurityCase {
  return { name, send, expect, descriptors: true };
}

let server: Server | null = null;

/** One listening server for the cases that need a real socket (aborted uploads); closed by `closeUploadServer`. */
async function listening(w: World): Promise<number> {
  if (!server) {
    server = createServer(w.registry.app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  }
  return (server.address() as AddressInfo).port;
}

export async function closeUploadServer(): Promise<void> {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
}

/**
 * Sends the head of a multipart upload over a socket that then goes away (or errors mid-part), waits for the
 * server to notice, and returns the answer to a clean follow-up upload with no file: the server must still answer 400.
 */
function aborted(name: string, path: (w: World) => string, head: Buffer, declaredLength: number): SecurityCase {
  return {
    name, expect: invalid,
    async send(w) {
      const port = await listening(w);
      const fds = openDescriptors();
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`POST ${path(w)} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${w.auth.vendor}\r\nContent-Type: ${multipartType}\r\nContent-Length: ${declaredLength}\r\n\r\n`);
          socket.write(head, () => setTimeout(() => socket.destroy(), 50));
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      await settle(150);
      assert.ok(openDescriptors() <= fds + 1, `${name}: ${openDescriptors() - fds} descriptors left open after the abort`);
      return as(w, 'vendor').post(path(w)).set('Content-Type', multipartType).send(multipart([field('kind', 'datasheet')]));
    },
  };
}

const bigHead = Buffer.concat([multipart([field('kind', 'datasheet')], { end: false }), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdfBytes, Buffer.alloc(256 * 1024, 0x20)]);

export const uploadCases: SecurityCase[] = [
  // Multer advisories fixed in our version (each trigger as published, against our routes).
  uploadCase('CVE-2025-47935 (unclosed streams on a request error): a request that errors mid-file leaves nothing open', rawUpload(attachments, multipart([field('kind', 'datasheet'), { headers: ['Content-Disposition: form-data; name="file"; filename="a.pdf"'], body: pdfBytes }], { end: false }))),
  uploadCase('CVE-2025-47944 (malformed multipart): a part header without its blank line, then the end, is 400', rawUpload(attachments, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n--${boundary}--\r\n`))),
  uploadCase('CVE-2025-48997 (empty field name): a file part with name="" is 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('', 'a.pdf', pdfBytes)]))),
  uploadCase('CVE-2025-48997 (missing field name): a file part without a name parameter is 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), { headers: ['Content-Disposition: form-data; filename="a.pdf"'], body: pdfBytes }]))),
  uploadCase('CVE-2025-7338 (unhandled exception): an empty file name and a truncated closing boundary is 400', rawUpload(attachments, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary.slice(0, -1)}\r\n`))),
  uploadCase('CVE-2026-3304 (incomplete cleanup): a complete file followed by a malformed part is 400, nothing kept', rawUpload(attachments, Buffer.concat([multipart([field('kind', 'datasheet'), file('file', 'a.pdf', pdfBytes, 'application/pdf')], { end: false }), Buffer.from(`--${boundary}\r\ngarbage-without-colon\r\n\r\nx`)]))),
  uploadCase('CVE-2026-3520 (uncontrolled recursion): thousands of empty parts are 400 (part limit), no stack overflow', rawUpload(attachments, Buffer.from(`--${boundary}\r\n\r\n\r\n`.repeat(5000) + `--${boundary}--\r\n`))),
  uploadCase('CVE-2026-5079 (deeply nested field names): kind[a][a][a]… is 400', rawUpload(attachments, multipart([field(`kind${'[a]'.repeat(300)}`, 'x'), file('file', 'a.pdf', pdfBytes)]))),
  uploadCase('GHSA-535w-7cp7-47q4 (oversized array index): kind[4294967294] is 400, no huge sparse array walked', rawUpload(attachments, multipart([field('kind[4294967294]', 'datasheet'), file('file', 'a.pdf', pdfBytes)]))),
  uploadCase('GHSA-wc9g-mqfw-jrwm (crafted field names): __proto__[kind] and constructor[prototype][x] are 400, nothing polluted', rawUpload(attachments, multipart([field('__proto__[kind]', 'datasheet'), field('constructor[prototype][polluted]', 'yes'), file('file', 'a.pdf', pdfBytes)]))),
  aborted('CVE-2026-2359 / GHSA-qfvm-cv95-jqjf (client closes mid-file): no descriptor or temp file stays, the server answers the next upload', attachments, bigHead, bigHead.length + 4 * 1024 * 1024),
  aborted('GHSA-3p4h-7m6x-2hcm (aborted between parts): cleanup completes, the server answers the next upload', attachments, multipart([field('kind', 'datasheet'), file('file', 'a.pdf', pdfBytes)], { end: false }), 1024 * 1024),
  // Names and types.
  uploadCase('when an executable is named report.pdf.exe, then 415', rawUpload(attachments, multipart([field('kind', 'test-report'), file('file', 'report.pdf.exe', exeBytes)])), { status: 415, code: 'unsupported_media_type' }),
  uploadCase('when an executable is named report.pdf, then 415 (type judged by content)', rawUpload(attachments, multipart([field('kind', 'test-report'), file('file', 'report.pdf', exeBytes, 'application/pdf')])), { status: 415, code: 'unsupported_media_type' }),
  uploadCase('when HTML is named datasheet.pdf.html, then 415', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('file', 'datasheet.pdf.html', htmlBytes, 'text/html')])), { status: 415, code: 'unsupported_media_type' }),
  uploadCase('when a file name holds a NUL byte (report.pdf\\0.exe), then 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('file', 'report.pdf\u0000.exe', pdfBytes, 'application/pdf')]))),
  uploadCase('when a text field holds a NUL byte, then 400', rawUpload(attachments, multipart([field('kind', 'datasheet\u0000'), file('file', 'a.pdf', pdfBytes, 'application/pdf')]))),
  // Limits.
  uploadCase('when a form has 25 parts, then 400 (too many parts)', rawUpload(attachments, multipart([...Array.from({ length: 24 }, (_, i) => field(`f${i}`, 'x')), file('file', 'a.pdf', pdfBytes)]))),
  uploadCase('when a form carries two files, then 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('file', 'a.pdf', pdfBytes), file('file', 'b.pdf', pdfBytes)]))),
  uploadCase('when a file comes in an unexpected field, then 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('other', 'a.pdf', pdfBytes)]))),
  uploadCase('when a text field is over 64 KiB, then 400', rawUpload(attachments, multipart([field('kind', 'x'.repeat(70 * 1024)), file('file', 'a.pdf', pdfBytes)]))),
  uploadCase('when a standard file is over its 1 MiB limit, then 413', rawUpload(() => '/api/v1/standards', multipart([file('file', 'standard.json', `{"pad":"${'x'.repeat(1100 * 1024)}"}`, 'application/json')]), 'regulator'), { status: 413, code: 'payload_too_large' }),
  uploadCase('when a standard file nests 100,000 arrays, then a 4xx and no stack overflow', rawUpload(() => '/api/v1/standards', multipart([file('file', 'standard.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'application/json')]), 'regulator'), { status: [400, 413, 422] }),
  uploadCase('when the multipart boundary is missing from the content type, then 400', rawUpload(attachments, multipart([field('kind', 'datasheet'), file('file', 'a.pdf', pdfBytes)]), 'vendor', 'multipart/form-data')),
  uploadCase('when an attachment is sent as text/plain, then 415', rawUpload(attachments, pdfBytes, 'vendor', 'text/plain'), { status: 415, code: 'unsupported_media_type' }),
  // Archives.
  uploadCase('when an XLSX batch file\'s zip directory lies (claims 2,000 bytes, inflates to 64 MiB), then 413', async (w) => as(w, 'vendor').post('/api/v1/submissions/batch').field('standard', 'TEST-RADIO').attach('file', await lyingXlsx(64), 'batch.xlsx'), { status: 413, code: 'payload_too_large' }),
  uploadCase('when a zip that is not an XLSX is attached as a batch file, then 400 or 415', (w) => as(w, 'vendor').post('/api/v1/submissions/batch').field('standard', 'TEST-RADIO').attach('file', Buffer.from('504b0304140000000000', 'hex'), 'batch.xlsx'), { status: [400, 415] }),
];
