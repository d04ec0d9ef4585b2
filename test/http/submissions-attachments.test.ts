import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  csvBytes, exeBytes, htmlBytes, jpegBytes, jsonBytes, pdfBytes, plainTextBytes, pngBytes, raggedCsvBytes, utf16Bytes, xlsxBytes, zipBytes,
} from '../fixtures/upload-files.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { act, auditOf, createSubmission, publishTestStandards } from '../helpers/submissions.ts';

describe('submission attachments over HTTP', () => {
  let registry: TestRegistry;
  let regulator: string;
  let ruRegulator: string;
  let vendor: string;
  let otherVendor: string;
  let customs: string;
  let admin: string;
  let id: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    ruRegulator = (await registry.login('regulator', { jurisdiction: 'RU' })).auth;
    vendor = (await registry.login('vendor')).auth;
    otherVendor = (await registry.login('vendor')).auth;
    customs = (await registry.login('customs')).auth;
    admin = (await registry.login('admin')).auth;
    await publishTestStandards(registry, regulator);
    id = (await createSubmission(registry, vendor)).id;
  });
  after(() => registry.close());

  const upload = (bytes: Buffer, filename: string, options: { kind?: string; auth?: string; submission?: string; contentType?: string } = {}) => {
    const req = request(registry.app).post(`/api/v1/submissions/${options.submission ?? id}/attachments`).set('Authorization', options.auth ?? vendor);
    if (options.kind !== undefined || !('kind' in options)) req.field('kind', options.kind ?? 'datasheet');
    return req.attach('file', bytes, { filename, contentType: options.contentType ?? 'application/pdf' });
  };
  const stored = () => registry.store.attachments.list(id);
  const filesOnDisk = () => {
    const root = join(registry.dataDir, 'files');
    return readdirSync(root).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(join(root, d)));
  };

  it('when a vendor uploads a PDF, then 201 with its SHA-256, the bytes are stored content-addressed and an audit event is appended', async () => {
    const res = await upload(pdfBytes, 'datasheet.pdf').expect(201);
    const sha256 = createHash('sha256').update(pdfBytes).digest('hex');
    assert.equal(res.body.mediaType, 'application/pdf');
    assert.equal(res.body.sha256, sha256);
    assert.equal(res.body.size, pdfBytes.length);
    assert.equal(res.body.kind, 'datasheet');
    assert.ok(existsSync(join(registry.dataDir, 'files', sha256.slice(0, 2), sha256)));
    assert.deepEqual((await stored()).map((a) => a.id), [res.body.id]);
    const event = (await auditOf(registry, `submission:${id}`)).at(-1)!;
    assert.equal(event.action, 'attachment.upload');
    assert.equal(event.summary.sha256, sha256);
  });

  it('when each allowed type is uploaded, then its type is judged by content, not by name or declared type', async () => {
    const cases: [Buffer, string, string][] = [
      [pngBytes, 'photo.pdf', 'image/png'],
      [jpegBytes, 'photo.png', 'image/jpeg'],
      [jsonBytes, 'values.txt', 'application/json'],
      [csvBytes, 'bands.xlsx', 'text/csv'],
      [await xlsxBytes([['band', 'power'], ['n78', 20]]), 'table.csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [bytes, name, mediaType] of cases) {
      const res = await upload(bytes, name, { contentType: 'application/pdf' }).expect(201);
      assert.equal(res.body.mediaType, mediaType, name);
    }
  });

  it('when a file of another type is disguised (an EXE or HTML named .pdf, a zip, UTF-16, plain or ragged text), then 415 and nothing is written', async () => {
    const before = (await stored()).length;
    const filesBefore = filesOnDisk().length;
    const eventsBefore = (await registry.store.audit.last())!.seq;
    for (const [bytes, name] of [[exeBytes, 'manual.pdf'], [htmlBytes, 'report.pdf'], [zipBytes, 'photos.zip'], [utf16Bytes, 'data.csv'], [plainTextBytes, 'notes.csv'], [raggedCsvBytes, 'x.csv']] as const) {
      const res = await upload(bytes, name).expect(415);
      assert.equal(res.body.code, 'unsupported_media_type', name);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
    assert.equal((await upload(Buffer.alloc(0), 'empty.pdf').expect(400)).body.code, 'validation_failed');
    assert.equal((await stored()).length, before);
    assert.equal(filesOnDisk().length, filesBefore);
    assert.equal((await registry.store.audit.last())!.seq, eventsBefore);
  });

  it('when the multipart body is malformed (a control character in a part header), then 400, not 500', async () => {
    const res = await upload(pdfBytes, 'bell\u0007.pdf').expect(400);
    assert.equal(res.body.code, 'validation_failed');
  });

  it('when a file is over the upload limit, then 413 and nothing is written', async () => {
    const before = (await stored()).length;
    const big = Buffer.concat([pdfBytes, Buffer.alloc(registry.config.limits.uploadBytes)]);
    const res = await upload(big, 'huge.pdf').expect(413);
    assert.equal(res.body.code, 'payload_too_large');
    assert.equal((await stored()).length, before);
  });

  it('when the form is wrong (no kind, unknown kind, extra field, no file, JSON body), then 400 or 415 and nothing is written', async () => {
    const before = (await stored()).length;
    await upload(pdfBytes, 'a.pdf', { kind: undefined }).expect(400);
    await upload(pdfBytes, 'a.pdf', { kind: 'invoice' }).expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).set('Authorization', vendor).field('kind', 'other').field('note', 'x').attach('file', pdfBytes, 'a.pdf').expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).set('Authorization', vendor).field('kind', 'other').expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).set('Authorization', vendor).field('kind', 'other').attach('document', pdfBytes, 'a.pdf').expect(400);
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).set('Authorization', vendor).send({ kind: 'other', file: 'JVBERi0=' }).expect(415);
    assert.equal((await stored()).length, before);
  });

  it('when a file name carries paths, control characters or is very long, then the stored name is sanitised', async () => {
    const spoof = await upload(pdfBytes, '../../etc/évaluation\u202Efdp.exe\u200B').expect(201);
    assert.equal(spoof.body.fileName, 'évaluationfdp.exe');
    const windows = await upload(pdfBytes, 'C:\\Users\\x\\report "final".pdf').expect(201);
    assert.equal(windows.body.fileName, 'report _final_.pdf');
    const long = await upload(pdfBytes, `${'ж'.repeat(300)}.pdf`).expect(201);
    assert.equal([...long.body.fileName].length, 120);
    assert.ok(long.body.fileName.endsWith('.pdf'));
    const dots = await upload(pdfBytes, '...').expect(201);
    assert.equal(dots.body.fileName, 'datasheet.pdf');
  });

  it('when an attachment is downloaded, then the bytes come back with its type, an attachment disposition with filename*, and nosniff', async () => {
    const up = await upload(pngBytes, 'фото панели.png', { kind: 'photo' }).expect(201);
    const res = await request(registry.app).get(up.body.href).set('Authorization', vendor).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], `attachment; filename="____ ______.png"; filename*=UTF-8''${encodeURIComponent('фото панели.png')}`);
    assert.deepEqual(res.body, pngBytes);
    const detail = await request(registry.app).get(`/api/v1/submissions/${id}`).set('Authorization', vendor).expect(200);
    assert.ok(detail.body.attachments.some((a: { id: string }) => a.id === up.body.id));
  });

  it('when others try to upload or download, then other vendors and regulators elsewhere get 404, customs 403, anonymous 401', async () => {
    const up = await upload(pdfBytes, 'a.pdf').expect(201);
    const before = (await stored()).length;
    await upload(pdfBytes, 'b.pdf', { auth: otherVendor }).expect(404);
    for (const auth of [regulator, customs, admin]) await upload(pdfBytes, 'b.pdf', { auth }).expect(403);
    await request(registry.app).post(`/api/v1/submissions/${id}/attachments`).field('kind', 'other').attach('file', pdfBytes, 'a.pdf').expect(401);
    assert.equal((await stored()).length, before);
    const download = (auth?: string) => {
      const req = request(registry.app).get(up.body.href);
      return auth ? req.set('Authorization', auth) : req;
    };
    await download(otherVendor).expect(404);
    await download(regulator).expect(404);
    await download(customs).expect(403);
    await download().expect(401);
    await download(admin).expect(200);
    await request(registry.app).get(`/api/v1/submissions/${id}/attachments/00000000-0000-4000-8000-000000000000`).set('Authorization', vendor).expect(404);
  });

  it('when the submission has been submitted, then its regulator can download but nobody can upload (409)', async () => {
    const { id: submitted } = await createSubmission(registry, vendor);
    const up = await upload(pdfBytes, 'a.pdf', { submission: submitted }).expect(201);
    await act(registry, vendor, submitted, 'submit').expect(200);
    assert.equal((await upload(pdfBytes, 'b.pdf', { submission: submitted }).expect(409)).body.state, 'submitted');
    await request(registry.app).get(up.body.href).set('Authorization', regulator).expect(200);
    await request(registry.app).get(up.body.href).set('Authorization', ruRegulator).expect(404);
    assert.equal((await registry.store.attachments.list(submitted)).length, 1);
  });
});
