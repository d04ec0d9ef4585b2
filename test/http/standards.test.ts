import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';

describe('standards catalog over HTTP', () => {
  let registry: TestRegistry;
  let regulator: string;
  let vendor: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    vendor = (await registry.login('vendor')).auth;
  });
  after(() => registry.close());

  const upload = (doc: unknown, auth = regulator) => request(registry.app).post('/api/v1/standards').set('Authorization', auth).send(doc as object);
  const publish = (code: string, version: string) => request(registry.app).post(`/api/v1/standards/${code}/${version}/publish`).set('Authorization', regulator);

  it('when a regulator uploads a document, then it is stored as a draft with its content hash', async () => {
    const res = await upload(commonDocument).expect(201);
    assert.equal(res.body.status, 'draft');
    assert.match(res.body.contentHash, /^[0-9a-f]{64}$/);
    assert.equal(res.headers.location, '/api/v1/standards/TEST-COMMON/1.0.0');
    const stored = await registry.store.standards.get('TEST-COMMON', '1.0.0');
    assert.equal(stored?.status, 'draft');
    assert.equal(stored?.contentHash, res.body.contentHash);
  });

  it('when a draft is published, then it is immutable: re-upload and re-publish answer 409', async () => {
    const res = await publish('TEST-COMMON', '1.0.0').expect(200);
    assert.equal(res.body.status, 'published');
    assert.ok(res.body.publishedAt);
    const again = await upload({ ...commonDocument, category: 'changed' }).expect(409);
    assert.equal(again.headers['content-type'], 'application/problem+json; charset=utf-8');
    await publish('TEST-COMMON', '1.0.0').expect(409);
    assert.equal((await registry.store.standards.get('TEST-COMMON', '1.0.0'))?.category, 'common');
  });

  it('when a standard $refs a published document by its $id, then it compiles and is stored', async () => {
    await upload(radioDocument()).expect(201);
    await publish('TEST-RADIO', '1.0.0').expect(200);
  });

  it('when the document comes as a multipart file, then it is accepted like a JSON body', async () => {
    const doc = { ...radioDocument('1.1.0') };
    const res = await request(registry.app).post('/api/v1/standards').set('Authorization', regulator)
      .attach('file', Buffer.from(JSON.stringify(doc)), { filename: 'radio.json', contentType: 'application/json' }).expect(201);
    assert.equal(res.body.version, '1.1.0');
  });

  it('when a newer version is published, then the older becomes superseded and the catalog shows both', async () => {
    await publish('TEST-RADIO', '1.1.0').expect(200);
    const res = await request(registry.app).get('/api/v1/standards/TEST-RADIO').expect(200);
    assert.equal(res.body.latestPublished, '1.1.0');
    assert.deepEqual(res.body.versions.map((v: { version: string; status: string }) => [v.version, v.status]), [['1.0.0', 'superseded'], ['1.1.0', 'published']]);
    const list = await request(registry.app).get('/api/v1/standards').expect(200);
    assert.deepEqual(list.body.standards.map((s: { code: string }) => s.code).sort(), ['TEST-COMMON', 'TEST-RADIO']);
  });

  it('when one version is read, then its document, status, hash and $id are public', async () => {
    const res = await request(registry.app).get('/api/v1/standards/TEST-RADIO/1.1.0').expect(200);
    assert.equal(res.body.document.schema.$id, 'urn:irru:std:TEST-RADIO:1.1.0');
    assert.equal(res.body.schemaId, 'urn:irru:std:TEST-RADIO:1.1.0');
    assert.equal(res.headers.etag, `"${res.body.contentHash}"`);
    const schema = await request(registry.app).get('/api/v1/standards/TEST-RADIO/1.1.0/schema.json').expect(200);
    assert.match(String(schema.headers['content-disposition']), /TEST-RADIO-1\.1\.0\.schema\.json/);
    assert.equal(JSON.parse(schema.text).$id, 'urn:irru:std:TEST-RADIO:1.1.0');
  });

  it('when a version is withdrawn, then it says so and cannot be withdrawn twice', async () => {
    const res = await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.0.0/withdraw').set('Authorization', regulator).expect(200);
    assert.equal(res.body.status, 'withdrawn');
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.0.0/withdraw').set('Authorization', regulator).expect(409);
  });

  it('when the caller is not a regulator, then upload, publish and withdraw are refused', async () => {
    await upload({ ...commonDocument, code: 'TEST-OTHER' }, vendor).expect(403);
    await request(registry.app).post('/api/v1/standards').send(commonDocument).expect(401);
    await request(registry.app).post('/api/v1/standards').set('Authorization', 'Bearer irru_wrong').send(commonDocument).expect(401);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.1.0/withdraw').set('Authorization', vendor).expect(403);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.1.0/publish').expect(401);
    assert.equal(await registry.store.standards.get('TEST-OTHER', '1.0.0'), null);
  });

  describe('bad input gets a problem and writes nothing', () => {
    const expectProblem = async (res: request.Response, status: number, detail: RegExp) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.body.status, status);
      assert.match(res.body.detail, detail);
      assert.equal(res.body.stack, undefined);
      assert.equal(await registry.store.standards.get('TEST-BAD', '1.0.0'), null);
    };
    const bad = (schema: object, extra: object = {}) => ({ code: 'TEST-BAD', version: '1.0.0', category: 'bad', title: { en: 'Bad' }, schema, ...extra });

    it('when a schema uses an unknown keyword, then 422 carries ajv\'s reason', async () => {
      await expectProblem(await upload(bad({ type: 'object', maximun: 3 })), 422, /maximun/);
    });
    it('when an x-title lacks English, then 422', async () => {
      await expectProblem(await upload(bad({ type: 'object', 'x-clause': '1', 'x-title': { ru: 'только' } })), 422, /x-title|en/);
    });
    it('when a schema $refs an unknown document, then 422 names it', async () => {
      await expectProblem(await upload(bad({ $ref: 'https://example.org/remote.json' })), 422, /example\.org\/remote\.json/);
    });
    it('when a schema nests deeper than the limit, then 422', async () => {
      let schema: Record<string, unknown> = { type: 'string' };
      for (let i = 0; i < 60; i += 1) schema = { type: 'array', items: schema };
      await expectProblem(await upload(bad(schema)), 422, /deeper/);
    });
    it('when a pattern needs a back-reference (RE2 cannot run it), then 422', async () => {
      await expectProblem(await upload(bad({ type: 'string', pattern: '^(a+)\\1$' })), 422, /regular expression refused.*back-reference/i);
    });
    it('when the document has an unknown field, then 400 lists it', async () => {
      const res = await upload(bad({ type: 'object' }, { extra: true }));
      await expectProblem(res, 400, /additional properties|extra/);
      assert.ok(res.body.errors.some((e: { params: { additionalProperty?: string } }) => e.params.additionalProperty === 'extra'));
    });
    it('when the code or version is malformed, then 400', async () => {
      await expectProblem(await upload(bad({}, { code: 'lower-case' })), 400, /pattern/);
      await expectProblem(await upload(bad({}, { version: '1.0' })), 400, /pattern/);
    });
    it('when the JSON is malformed, then 400', async () => {
      await expectProblem(await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).set('Content-Type', 'application/json').send('{"code": '), 400, /not valid JSON/);
    });
    it('when the content type is not JSON, then 415', async () => {
      await expectProblem(await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).set('Content-Type', 'text/plain').send('hello'), 415, /application\/json/);
    });
    it('when the body is over the limit, then 413', async () => {
      const huge = bad({ type: 'object', description: 'x'.repeat(registry.config.limits.jsonBodyBytes + 10) });
      await expectProblem(await upload(huge), 413, /limit/);
    });
    it('when the uploaded file is not JSON, then 400', async () => {
      const res = await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).attach('file', Buffer.from('%PDF-1.4 not json'), 'doc.json');
      await expectProblem(res, 400, /not valid UTF-8 JSON/);
    });
  });

  it('when a version is unknown, then reading it is a 404 problem', async () => {
    const res = await request(registry.app).get('/api/v1/standards/NOPE/1.0.0').expect(404);
    assert.equal(res.body.code, 'not_found');
  });
});
