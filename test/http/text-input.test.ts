import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { conformingRadioSpec, radioDocument, radioIdentification, radioSpec } from '../fixtures/test-standards.ts';
import { runRegistryInProcess } from '../helpers/cli.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { product, publishTestStandards, submissionBody } from '../helpers/submissions.ts';

// JSON text with a lone surrogate escape: valid JSON, but no well-formed Unicode string.
const lone = '\\ud800';
const rlo = '\u202e';

interface Problem {
  status: number;
  code: string;
  errors: { path: string; keyword: string }[];
}

describe('text input at the edge: well-formed Unicode and identifiers without bidi controls', () => {
  let registry: TestRegistry;
  let regulator: string;
  let vendor: string;
  let vendorOrg: string;
  before(async () => {
    registry = await startRegistry();
    regulator = (await registry.login('regulator')).auth;
    await publishTestStandards(registry, regulator);
    const login = await registry.login('vendor');
    vendor = login.auth;
    vendorOrg = login.user.orgId;
  });
  after(() => registry.close());

  const stored = async () => ({
    submissions: (await registry.store.submissions.list({ orgId: vendorOrg, limit: 100 })).items.length,
    events: (await registry.store.audit.list({ limit: 10_000 })).length,
  });
  const rawJson = (path: string, text: string) => request(registry.app).post(path).set('Authorization', vendor).set('Content-Type', 'application/json').send(text);
  /** The JSON text of a submission body, with `marker` (a JSON string literal's inside) replaced by raw JSON text. */
  const submissionText = (body: unknown, marker: string, replacement: string) => JSON.stringify(body).replace(marker, replacement);

  async function assertRefused(res: request.Response, path: string, keyword: string, before: { submissions: number; events: number }) {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.match(res.type, /problem\+json/);
    const problem = res.body as Problem;
    assert.equal(problem.code, 'validation_failed');
    assert.deepEqual([problem.errors[0]?.path, problem.errors[0]?.keyword], [path, keyword]);
    assert.deepEqual(await stored(), before);
  }

  it('when a spec string holds a lone surrogate, then the submission is refused with 400 naming /spec/identification/model and nothing is stored', async () => {
    const before = await stored();
    const body = submissionBody({ product: undefined, spec: radioSpec({ power: 20 }, { model: 'MARK' }) });
    const res = await rawJson('/api/v1/submissions', submissionText(body, 'MARK', `AR-${lone}`));
    await assertRefused(res, '/spec/identification/model', 'well_formed_unicode', before);
  });

  it('when a JSON key holds a lone surrogate, then 400 names the member (the bad unit shown as U+FFFD) and nothing is stored', async () => {
    const before = await stored();
    const body = submissionBody({ spec: { ...conformingRadioSpec, KEYMARK: 1 } });
    const res = await rawJson('/api/v1/submissions', submissionText(body, 'KEYMARK', `x${lone}`));
    await assertRefused(res, '/spec/x\ufffd', 'well_formed_unicode', before);
  });

  it('when product.model holds a lone surrogate, then 400 names /product/model and nothing is stored', async () => {
    const before = await stored();
    const res = await rawJson('/api/v1/submissions', submissionText(submissionBody(), '"AR-100"', `"AR-${lone}"`));
    await assertRefused(res, '/product/model', 'well_formed_unicode', before);
  });

  it('when a dry-run check holds a lone surrogate, then 400 instead of a report with an empty specHash', async () => {
    const res = await rawJson('/api/v1/checks', `{"standard":"TEST-RADIO","spec":{"note":"${lone}"}}`);
    await assertRefused(res, '/spec/note', 'well_formed_unicode', await stored());
  });

  it('when a JSON body is not well-formed UTF-8, then 400 rather than a silent U+FFFD', async () => {
    const before = await stored();
    const bytes = Buffer.concat([Buffer.from('{"standard":"TEST-RADIO","spec":{"note":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}')]);
    // superagent would JSON-encode a Buffer; the serializer hands the raw bytes through.
    const res = await request(registry.app).post('/api/v1/checks').set('Authorization', vendor).set('Content-Type', 'application/json')
      .serialize(() => bytes as unknown as string).send({});
    await assertRefused(res, '/', 'well_formed_unicode', before);
  });

  it('when a query string or a path segment percent-decodes to a surrogate, then 400 names the parameter (not a bare 500)', async () => {
    const query = await request(registry.app).get('/api/v1/submissions?q=%ED%A0%80').set('Authorization', vendor);
    await assertRefused(query, '/q', 'well_formed_unicode', await stored());
    const param = await request(registry.app).get('/api/v1/submissions/%ED%A0%80').set('Authorization', vendor);
    await assertRefused(param, '/path/4', 'well_formed_unicode', await stored());
  });

  it('when a multipart JSON field or the uploaded spec file holds a lone surrogate, then 400 names the field and nothing is stored', async () => {
    const before = await stored();
    const { spec: _spec, ...rest } = submissionBody();
    const field = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor)
      .field('submission', submissionText(rest, '"AR-100"', `"AR-${lone}"`))
      .attach('spec', Buffer.from(JSON.stringify(conformingRadioSpec)), 'spec.json');
    await assertRefused(field, '/product/model', 'well_formed_unicode', before);
    const file = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor)
      .field('submission', JSON.stringify(rest))
      .attach('spec', Buffer.from(JSON.stringify(conformingRadioSpec).replace('"AR-100"', `"AR-${lone}"`)), 'spec.json');
    await assertRefused(file, '/spec/identification/model', 'well_formed_unicode', before);
  });

  it('when a batch JSON-lines row or a CSV cell holds a lone surrogate, then that row fails naming the field and nothing is stored', async () => {
    const before = await stored();
    const batch = (bytes: Buffer, name: string) => request(registry.app).post('/api/v1/submissions/batch').set('Authorization', vendor).field('standard', 'TEST-RADIO').attach('file', bytes, name);
    const line = JSON.stringify({ jurisdictions: ['IR'], spec: conformingRadioSpec }).replace('"AR-100"', `"AR-${lone}"`);
    const jsonl = await batch(Buffer.from(`${line}\n`), 'products.jsonl').expect(200);
    const id = 'spec.identification';
    const csv = `${id}.manufacturer.name,${id}.model,${id}.hsCode,${id}.countryOfOrigin,jurisdictions,spec.targetMarkets,spec.power,spec.bands.0\nAcme,AR-100,8517,CN,IR,"[""IR""]",20,"""n${lone}"""\n`;
    const csvRes = await batch(Buffer.from(csv), 'products.csv').expect(200);
    for (const [res, path] of [[jsonl, '/spec/identification/model'], [csvRes, '/spec/bands/0']] as const) {
      assert.deepEqual([res.body.created, res.body.failed], [0, 1]);
      const [row] = res.body.rows;
      assert.deepEqual([row.status, row.code, row.errors[0].path, row.errors[0].keyword], ['failed', 'validation_failed', path, 'well_formed_unicode']);
    }
    assert.deepEqual(await stored(), before);
  });

  it('when product.model or a variant holds a right-to-left override, then 400 names the field and the rule "identifier"', async () => {
    const before = await stored();
    const model = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).send(submissionBody({ product: product({ model: `SAFE-${rlo}1X-LEDOM` }) }));
    await assertRefused(model, '/product/model', 'identifier', before);
    const variants = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor).send(submissionBody({ product: product({ variants: ['AR-100-W', `AR-\u2066100`] }) }));
    await assertRefused(variants, '/product/variants/1', 'identifier', before);
  });

  it('when a verification number holds a bidi control, then 400 names /number and the rule "identifier"', async () => {
    const res = await request(registry.app).post('/api/v1/verify').send({ number: `IRRU-IR-2026-${rlo}000042-4` });
    await assertRefused(res, '/number', 'identifier', await stored());
  });

  it('when a verification query names a model with a bidi control, then 400 names /model and the rule "identifier"', async () => {
    const res = await request(registry.app).get(`/api/v1/verify/IRRU-IR-2026-000042-4?model=${encodeURIComponent(`SAFE-${rlo}1X-LEDOM`)}`);
    await assertRefused(res, '/model', 'identifier', await stored());
    assert.equal((await request(registry.app).get('/api/v1/verify/IRRU-IR-2026-000042-4?color=red').expect(400)).body.code, 'validation_failed');
  });

  it('when identifiers hold right-to-left scripts or emoji (no controls), then they are accepted', async () => {
    const identification = radioIdentification({ model: 'مدل-۱۰۰', variants: ['Модель 😀'] });
    const res = await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor)
      .send(submissionBody({ product: product({ model: 'مدل-۱۰۰', variants: ['Модель 😀'] }), spec: { ...conformingRadioSpec, identification } }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.revision?.specHash ?? res.body.report?.specHash ?? '', /^[0-9a-f]{64}$/);
  });

  it('when the free-text title of a standard holds a right-to-left override, then its web page shows it isolated in <bdi>', async () => {
    const title = { en: `Evil ${rlo}LEDOM title`, ru: 'Заголовок', fa: 'عنوان' };
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator).send({ ...radioDocument('9.0.0'), title }).expect(201);
    const page = await request(registry.app).get('/standards/TEST-RADIO/9.0.0?lang=en').expect(200);
    assert.ok(page.text.includes(`<h1><bdi>Evil ${rlo}LEDOM title</bdi></h1>`), page.text.slice(0, 2000));
    assert.match(page.text, /<bdi class="token"><code>TEST-RADIO<\/code><\/bdi>/);
  });
});

describe('text input of CLI files', () => {
  it('when `registry check` reads a spec file with a lone surrogate or bytes that are not UTF-8, then one line names the file and the field (exit 2)', async () => {
    const dir = tempDir();
    try {
      const surrogate = join(dir.path, 'surrogate.json');
      writeFileSync(surrogate, '{"identification":{"model":"AR-\\ud800"}}');
      const lone = await runRegistryInProcess({ REGISTRY_DATA_DIR: dir.path }, ['check', '--standard', 'TEST-RADIO', surrogate]);
      assert.equal(lone.code, 2);
      assert.match(lone.stderr, /surrogate\.json: \/identification\/model must be well-formed Unicode/);
      const latin1 = join(dir.path, 'latin1.json');
      writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
      const bytes = await runRegistryInProcess({ REGISTRY_DATA_DIR: dir.path }, ['check', '--standard', 'TEST-RADIO', latin1]);
      assert.equal(bytes.code, 2);
      assert.match(bytes.stderr, /latin1\.json: not well-formed UTF-8/);
    } finally {
      dir.remove();
    }
  });
});
