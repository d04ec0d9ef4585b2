import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { lyingXlsx } from '../helpers/lying-zip.ts';
import { publishTestStandards } from '../helpers/submissions.ts';

const mib = 1024 * 1024;

/** Resident memory after a collection when the process exposes gc (the margin below does not rely on it). */
function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

describe('XLSX batch files are inflated against a byte budget', () => {
  let registry: TestRegistry;
  let vendor: string;
  let vendorOrg: string;
  let bomb: Buffer;
  before(async () => {
    registry = await startRegistry();
    const regulator = (await registry.login('regulator')).auth;
    const login = await registry.login('vendor');
    vendor = login.auth;
    vendorOrg = login.user.orgId;
    await publishTestStandards(registry, regulator);
    bomb = await lyingXlsx(200);
  });
  after(() => registry.close());

  const upload = () => request(registry.app).post('/api/v1/submissions/batch').set('Authorization', vendor).field('standard', 'TEST-RADIO').attach('file', bomb, 'products.xlsx');

  it('when the zip directory claims 2,000 bytes for a part that inflates to 200 MiB, then 413 at once, nothing stored and memory back near its baseline', async () => {
    assert.ok(bomb.length < mib, 'the crafted file itself is small');
    await upload().expect(413); // warms up the upload path so the baseline includes its modules
    const baseline = settledRss();
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const res = await upload().expect(413).expect('Content-Type', /application\/problem\+json/);
      assert.equal(res.body.code, 'payload_too_large');
      assert.match(res.body.detail, /xl\/worksheets\/sheet1\.xml.*more than the 2000 bytes/);
      assert.ok(performance.now() - started < 2000, 'refused before inflating the bomb');
    }
    const grown = settledRss() - baseline;
    assert.ok(grown < 64 * mib, `resident memory grew ${Math.round(grown / mib)} MiB over five refused uploads`);
    assert.equal((await registry.store.submissions.list({ orgId: vendorOrg, limit: 10 })).items.length, 0);
  });
});
