import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { registerUnregisteredCertificates } from '../../server/domain/register/register-backfill.ts';
import { collectRegister } from '../../server/domain/register/register-export.ts';
import { registerCsvColumns } from '../../server/domain/register/register-csv.ts';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf, reportOf, smartphoneSpec } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

type Entry = {
  number: string; jurisdiction: string; status: string; statusReason: string | null; statusAt: string | null; manufacturer: string; brand: string;
  model: string; variants: string[]; hsCode: string; standard: { code: string; version: string }; issuedAt: string; validUntil: string;
};
type Regulator = Awaited<ReturnType<typeof regulatorOf>>;

const day = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The shipped conforming smartphone with another identification (the certificate states only what the spec declares). */
function specWith(identity: { manufacturer: string; brand: string; model: string; variants?: string[]; hsCode: string }) {
  const spec = structuredClone(smartphoneSpec) as { identification: Record<string, unknown> & { manufacturer: Record<string, unknown> } };
  spec.identification = {
    ...spec.identification, manufacturer: { ...spec.identification.manufacturer, name: identity.manufacturer }, brand: identity.brand,
    model: identity.model, variants: identity.variants ?? [], hsCode: identity.hsCode,
  };
  return spec;
}

describe('public register: GET /api/v1/certificates and .csv', () => {
  let registry: TestRegistry;
  let ir: Regulator;
  let ru: Regulator;
  const issued: Record<string, { number: string; at: Date }> = {};
  const start = Date.now() - 700 * day;

  /** Issues a certificate for the product at the instant, as an approval would, and remembers it by name. */
  async function issue(name: string, regulator: Regulator, at: Date, identity: Parameters<typeof specWith>[0]) {
    const spec = specWith(identity);
    const ctx = certificatesContextOf(registry, { now: () => at });
    const certificate = await issueDirect(registry, ctx, await issuanceInput(registry, regulator.actor, { spec, report: await reportOf(registry, spec) }));
    issued[name] = { number: certificate.number, at };
  }

  const search = async (query: string) => (await request(registry.app).get(`/api/v1/certificates?${query}`).expect(200).expect('Content-Type', /application\/json/)).body as { items: Entry[]; nextCursor: string | null; links: { next: string | null } };
  const numbersFor = async (query: string) => (await search(query)).items.map((entry) => entry.number);
  const numbersOf = (...names: string[]) => names.map((name) => issued[name]!.number);

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    ru = await regulatorOf(registry, 'RU');
    // Issued in time order, oldest first: 'old' was issued four years ago and has expired (3-year validity).
    await issue('old', ir, new Date(Date.now() - 4 * 365 * day), { manufacturer: 'Nokia Solutions and Networks Oy', brand: 'Nokia', model: 'FastMile 5G', hsCode: '8517.62.00' });
    await issue('huaweiPhone', ir, new Date(start), { manufacturer: 'Huawei Technologies Co., Ltd.', brand: 'HUAWEI', model: 'P60 Pro', variants: ['P60 Pro 512GB'], hsCode: '8517.13.00' });
    await issue('huaweiTablet', ru, new Date(start + 60 * day), { manufacturer: 'Huawei Technologies Co., Ltd.', brand: 'HUAWEI', model: 'MatePad 11', hsCode: '8517.62.00' });
    await issue('accented', ir, new Date(start + 120 * day), { manufacturer: "Société Générale d'Électronique", brand: 'Électra', model: 'ÉLAN-5', hsCode: '8517.13.00' });
    await issue('russian', ru, new Date(start + 180 * day), { manufacturer: 'ООО «Ростелеком-Терминал»', brand: 'Ростелеком', model: 'RT-GM-1', hsCode: '8517.62.00' });
    await issue('persian', ir, new Date(start + 240 * day), { manufacturer: 'شرکت صنایع مخابراتی ایران', brand: 'ایرانتل', model: 'IT-100', hsCode: '8517.13.00' });
    await issue('formulas', ru, new Date(start + 300 * day), { manufacturer: '=HYPERLINK("http://evil.example","x")', brand: '@Brand', model: '+SUM(1,2)', variants: ['-2+3', 'Plain, "quoted"'], hsCode: '8517.13.00' });
    await issue('suspended', ir, new Date(start + 360 * day), { manufacturer: 'Xiaomi Communications Co., Ltd.', brand: 'Xiaomi', model: 'Redmi Note 13', hsCode: '8517.13.00' });
    await issue('revoked', ru, new Date(start + 420 * day), { manufacturer: 'Xiaomi Communications Co., Ltd.', brand: 'POCO', model: 'X6 Pro', hsCode: '8517.13.00' });
    await request(registry.app).post(`/api/v1/certificates/${issued.suspended!.number}/suspend`).set('Authorization', ir.auth).send({ reason: 'Test report under review' }).expect(200);
    await request(registry.app).post(`/api/v1/certificates/${issued.revoked!.number}/revoke`).set('Authorization', ru.auth).send({ reason: 'Радиомодуль заменён без уведомления' }).expect(200);
  });
  after(() => registry.close());

  it('when a certificate is approved through the submission workflow, then the register lists it at once, newest first', async () => {
    const vendor = await registry.login('vendor');
    const identification = smartphoneSpec.identification as { manufacturer: { name: string } };
    const product = { ...identification, manufacturer: identification.manufacturer.name };
    const id = (await request(registry.app).post('/api/v1/submissions').set('Authorization', vendor.auth).send({ standard: 'IRRU-UE', jurisdictions: ['IR'], product, spec: smartphoneSpec }).expect(201)).body.id as string;
    await request(registry.app).post(`/api/v1/submissions/${id}/submit`).set('Authorization', vendor.auth).expect(200);
    await request(registry.app).post(`/api/v1/submissions/${id}/review`).set('Authorization', ir.auth).expect(200);
    await request(registry.app).post(`/api/v1/submissions/${id}/decision`).set('Authorization', ir.auth).send({ decision: 'approve' }).expect(200);
    const [certificate] = await registry.store.certificates.listBySubmission(id);
    issued.workflow = { number: certificate!.number, at: new Date(certificate!.issuedAt) };
    const page = await search('');
    assert.equal(page.items[0]!.number, certificate!.number);
    assert.deepEqual(page.items[0], {
      number: certificate!.number, jurisdiction: 'IR', status: 'valid', statusReason: null, statusAt: null, manufacturer: 'Example Mobile Technology Co., Ltd.',
      brand: 'Exemplar', model: 'EX-5G Pro', variants: ['EX-5G Pro 256GB', 'EX-5G Pro 512GB'], hsCode: '8517.13.00',
      standard: { code: 'IRRU-UE', version: page.items[0]!.standard.version }, issuedAt: certificate!.issuedAt, validUntil: certificate!.validUntil,
      // Issued under the newest published version: it conforms to it, and no transition applies.
      newestStandard: { version: page.items[0]!.standard.version, wouldConform: 'yes', failingClauses: [], transitionEndsAt: null },
    });
    assert.equal((await registry.store.register.get(certificate!.number))?.status, 'valid');
    assert.deepEqual(page.items.map((entry) => entry.number), numbersOf('workflow', 'revoked', 'suspended', 'formulas', 'persian', 'russian', 'accented', 'huaweiTablet', 'huaweiPhone', 'old'));
  });

  it('when free text is typed, then every word must occur in manufacturer, brand, model or variants, the last as a prefix, in any script, accents and case ignored', async () => {
    assert.deepEqual(await numbersFor('q=Huaw'), numbersOf('huaweiTablet', 'huaweiPhone'));
    assert.deepEqual(await numbersFor('q=huawei+p60'), numbersOf('huaweiPhone'));
    assert.deepEqual(await numbersFor('q=huawei+512'), numbersOf('huaweiPhone'), 'variants are searched');
    assert.deepEqual(await numbersFor('q=electronique'), numbersOf('accented'));
    assert.deepEqual(await numbersFor(`q=${encodeURIComponent('élan-5')}`), numbersOf('accented'));
    assert.deepEqual(await numbersFor(`q=${encodeURIComponent('ростел')}`), numbersOf('russian'));
    assert.deepEqual(await numbersFor(`q=${encodeURIComponent('مخابرات')}`), numbersOf('persian'));
    assert.deepEqual(await numbersFor('q=xiaomi+poco'), numbersOf('revoked'));
    assert.deepEqual(await numbersFor('q=huawei+xiaomi'), []);
  });

  it('when each filter is given, then only certificates matching it are listed, newest first', async () => {
    assert.deepEqual(await numbersFor('manufacturer=huawei+technologies++CO.,+LTD.'), numbersOf('huaweiTablet', 'huaweiPhone'));
    assert.deepEqual(await numbersFor('manufacturer=Huawei'), [], 'the manufacturer filter is the full name; part of it is q');
    assert.deepEqual(await numbersFor('model=p60+pro'), numbersOf('huaweiPhone'));
    assert.deepEqual(await numbersFor('hsCode=8517.62'), numbersOf('russian', 'huaweiTablet', 'old'));
    assert.deepEqual(await numbersFor('hsCode=85176200'), numbersOf('russian', 'huaweiTablet', 'old'));
    assert.deepEqual(await numbersFor('hsCode=8528'), []);
    const version = (await search('')).items[0]!.standard.version;
    assert.equal((await numbersFor('standard=IRRU-UE&limit=100')).length, 10);
    assert.equal((await numbersFor(`standard=irru-ue@${version}&limit=100`)).length, 10);
    assert.deepEqual(await numbersFor('standard=IRRU-UE@9.9.9'), []);
    assert.deepEqual(await numbersFor('standard=IRRU-WLAN'), []);
    assert.deepEqual(await numbersFor('jurisdiction=RU'), numbersOf('revoked', 'formulas', 'russian', 'huaweiTablet'));
    assert.deepEqual(await numbersFor('status=valid'), numbersOf('workflow', 'formulas', 'persian', 'russian', 'accented', 'huaweiTablet', 'huaweiPhone'));
    assert.deepEqual(await numbersFor('status=valid&jurisdiction=IR&q=huawei'), numbersOf('huaweiPhone'));
    assert.deepEqual(await numbersFor(`issuedFrom=${dayOf(issued.huaweiTablet!.at)}&issuedTo=${dayOf(issued.russian!.at)}`), numbersOf('russian', 'accented', 'huaweiTablet'));
    assert.deepEqual(await numbersFor(`issuedTo=${dayOf(issued.huaweiPhone!.at)}`), numbersOf('huaweiPhone', 'old'));
    assert.deepEqual(await numbersFor('q=&manufacturer=&status=&jurisdiction=&issuedFrom=').then((numbers) => numbers.length), 10, 'blank form fields are not filters');
  });

  it('when a certificate is suspended or revoked, then the register shows that status with the public reason and date, in the answer and in the store', async () => {
    const [suspended] = (await search('status=suspended')).items;
    assert.equal(suspended?.number, issued.suspended!.number);
    assert.equal(suspended!.statusReason, 'Test report under review');
    assert.ok(Date.now() - Date.parse(suspended!.statusAt!) < 10 * 60_000);
    const [revoked] = (await search('status=revoked')).items;
    assert.deepEqual([revoked?.number, revoked?.status, revoked?.statusReason], [issued.revoked!.number, 'revoked', 'Радиомодуль заменён без уведомления']);
    const stored = await registry.store.register.get(issued.revoked!.number);
    assert.deepEqual([stored?.status, stored?.statusReason, stored?.statusAt], ['revoked', revoked!.statusReason, revoked!.statusAt]);
    const events = await registry.store.certificates.events(issued.revoked!.number);
    assert.equal(events.at(-1)!.at, revoked!.statusAt);
  });

  it('when a certificate is past validUntil, then it is expired whatever its recorded status, and only the expired filter lists it', async () => {
    const [old] = (await search('status=expired')).items;
    assert.deepEqual([old?.number, old?.status, old?.statusReason], [issued.old!.number, 'expired', null]);
    assert.ok(Date.parse(old!.validUntil) < Date.now());
    assert.equal((await registry.store.register.get(issued.old!.number))?.status, 'valid', 'the recorded status stays; expiry is by date');
    assert.ok(!(await numbersFor('status=valid&limit=100')).includes(issued.old!.number));
  });

  it('when pages are followed by cursor, then every certificate comes exactly once in order, and one issued meanwhile does not shift the pages', async () => {
    const all = await numbersFor('limit=100');
    const seen: string[] = [];
    let next: string | null = '/api/v1/certificates?limit=3';
    while (next) {
      const page = (await request(registry.app).get(next).expect(200)).body as { items: Entry[]; nextCursor: string | null; links: { next: string | null } };
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((entry) => entry.number));
      assert.equal(page.links.next === null, page.nextCursor === null);
      next = page.links.next;
    }
    assert.deepEqual(seen, all);
    assert.equal(new Set(seen).size, all.length);

    const first = await search('limit=4&jurisdiction=IR');
    await issue('meanwhile', ir, new Date(), { manufacturer: 'Meanwhile Devices', brand: 'Meanwhile', model: 'MW-1', hsCode: '8517.13.00' });
    const second = await search(`limit=4&jurisdiction=IR&cursor=${first.nextCursor}`);
    const irAll = await numbersFor('limit=100&jurisdiction=IR');
    assert.equal(irAll[0], issued.meanwhile!.number);
    assert.deepEqual([...first.items, ...second.items].map((entry) => entry.number), irAll.slice(1, 1 + first.items.length + second.items.length));
    assert.equal(second.links.next, null);
  });

  it('when a result is exported, then it is an RFC 4180 UTF-8 CSV with a BOM, one row per entry, and no cell a spreadsheet would run as a formula', async () => {
    const res = await request(registry.app).get('/api/v1/certificates.csv?jurisdiction=RU').buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    assert.match(res.headers['content-type']!, /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition']!, /^attachment; filename="irru-register-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.equal(res.headers['x-truncated'], 'false');
    const bytes = res.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'every line ends with CRLF');
    const [header, ...rows] = parse(text, { relax_column_count: false }) as string[][];
    assert.deepEqual(header, [...registerCsvColumns]);
    const json = (await search('jurisdiction=RU')).items;
    assert.deepEqual(rows.map((row) => row[0]), json.map((entry) => entry.number));
    const formulas = Object.fromEntries(header!.map((column, i) => [column, rows.find((row) => row[0] === issued.formulas!.number)![i]]));
    assert.equal(formulas.manufacturer, `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(formulas.brand, "'@Brand");
    assert.equal(formulas.model, "'+SUM(1,2)");
    assert.equal(formulas.variants, `'-2+3; Plain, "quoted"`);
    const revoked = Object.fromEntries(header!.map((column, i) => [column, rows.find((row) => row[0] === issued.revoked!.number)![i]]));
    assert.deepEqual([revoked.status, revoked.statusReason, revoked.standardCode], ['revoked', 'Радиомодуль заменён без уведомления', 'IRRU-UE']);
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });

  it('when an export is larger than its row limit, then it holds the newest rows up to the limit and says it was cut', async () => {
    const all = await numbersFor('limit=100');
    const capped = await collectRegister(registry.store, {}, new Date(), 3);
    assert.deepEqual([capped.entries.map((entry) => entry.number), capped.truncated], [all.slice(0, 3), true]);
    const whole = await collectRegister(registry.store, {}, new Date(), all.length);
    assert.deepEqual([whole.entries.length, whole.truncated], [all.length, false]);
  });

  it('when a filter is malformed, then 400 problem+json names the parameter and nothing is listed', async () => {
    const cases: Array<[string, string]> = [
      ['status=bogus', '/status'], ['jurisdiction=US', '/jurisdiction'], ['limit=0', '/limit'], ['limit=101', '/limit'], ['limit=ten', '/limit'],
      ['issuedFrom=2025-02-30', '/issuedFrom'], ['issuedFrom=yesterday', '/issuedFrom'], ['issuedFrom=2025-03-02&issuedTo=2025-03-01', '/issuedTo'],
      ['cursor=not-a-cursor', '/cursor'], ['cursor=%21%21', '/cursor'], ['standard=bad%20code', '/standard'], ['hsCode=85AB', '/hsCode'], ['hsCode=8', '/hsCode'],
      [`q=${'a'.repeat(201)}`, '/q'], [`q=${Array.from({ length: 17 }, (_, i) => `w${i}`).join('+')}`, '/q'], ['status=valid&status=revoked', '/status'], ['colour=red', '/'],
    ];
    for (const [query, path] of cases) {
      for (const route of ['/api/v1/certificates', '/api/v1/certificates.csv']) {
        const res = await request(registry.app).get(`${route}?${query}`);
        assert.equal(res.status, 400, `${route}?${query}`);
        assert.match(res.headers['content-type']!, /application\/problem\+json/);
        assert.equal(res.body.code, 'validation_failed');
        assert.equal(res.body.errors[0].path, path, `${query}: ${JSON.stringify(res.body.errors)}`);
        assert.equal(res.body.items, undefined);
      }
    }
  });

  it('when free text holds query syntax, then it is read as plain words: no error, and only certificates with those words match', async () => {
    const cases: Array<[string, string[]]> = [
      ['"', []], ['AND OR NEAR(', []], ['*', []], ['(', []], ['NOT huawei', []], ['huawei OR xiaomi', []], ['manufacturer:huawei', []], ['{brand model}: x', []],
      ['"huawei', numbersOf('huaweiTablet', 'huaweiPhone')], ['-huawei', numbersOf('huaweiTablet', 'huaweiPhone')], ['^huawei +p60', numbersOf('huaweiPhone')],
      ['huawei\u0000p60', numbersOf('huaweiPhone')], ['"=HYPERLINK', numbersOf('formulas')], ['x6 pro*', numbersOf('revoked')], ['\'; DROP TABLE certificates; --', []],
    ];
    for (const [q, expected] of cases) {
      const res = await request(registry.app).get(`/api/v1/certificates?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${JSON.stringify(q)}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.items.map((entry: Entry) => entry.number), expected, JSON.stringify(q));
    }
    assert.equal((await registry.store.certificates.get(issued.old!.number))?.number, issued.old!.number);
  });

  it('when an issuance rolls back, then it leaves no register row', async () => {
    const spec = specWith({ manufacturer: 'Rollback Devices', brand: 'Rollback', model: 'RB-1', hsCode: '8517.13.00' });
    const input = await issuanceInput(registry, ir.actor, { spec, report: await reportOf(registry, spec) });
    await assert.rejects(issueDirect(registry, certificatesContextOf(registry), input, async () => {
      throw new Error('the approval failed after issuance');
    }), /approval failed/);
    assert.deepEqual(await numbersFor('q=rollback'), []);
    assert.deepEqual(await registry.store.register.search({ words: ['rollback'], limit: 10 }), []);
  });

  it('when certificates were issued before the register existed, then the start-up backfill adds them from their credentials with their status and reason', async () => {
    const listed = await search('limit=100');
    const missing = numbersOf('suspended', 'huaweiPhone');
    const db = new Database(join(registry.dataDir, databaseFileName));
    db.prepare('DELETE FROM certificate_register WHERE number IN (?, ?)').run(...missing);
    db.close();
    assert.deepEqual(await numbersFor('q=p60'), []);
    assert.equal(await registerUnregisteredCertificates(registry.store), 2);
    assert.equal(await registerUnregisteredCertificates(registry.store), 0);
    assert.deepEqual(await search('limit=100'), listed);
    assert.deepEqual(await numbersFor('q=p60'), numbersOf('huaweiPhone'));
    assert.equal((await registry.store.register.get(issued.suspended!.number))?.statusReason, 'Test report under review');
  });

  it('when the OpenAPI document is read, then both register routes are public and list every query parameter', async () => {
    const { paths } = (await request(registry.app).get('/api/v1/openapi.json').expect(200)).body;
    for (const path of ['/certificates', '/certificates.csv']) {
      const operation = paths[path].get;
      assert.deepEqual(operation.security, []);
      assert.deepEqual(operation.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
        ['q', 'manufacturer', 'model', 'hsCode', 'standard', 'jurisdiction', 'status', 'issuedFrom', 'issuedTo', 'limit', 'cursor'].map((name) => `query:${name}`));
    }
    assert.deepEqual(paths['/certificates'].get.parameters.find((p: { name: string }) => p.name === 'status').schema.enum, ['valid', 'suspended', 'revoked', 'expired', '']);
  });
});
