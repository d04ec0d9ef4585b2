import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('verification answers a reverse proxy can cache', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let number: string;

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    ({ number } = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor)));
  });
  after(() => registry.close());

  for (const [name, path] of [['verification', (n: string) => `/api/v1/verify/${n}`], ['certificate', (n: string) => `/api/v1/certificates/${n}`]] as const) {
    it(`when the ${name} is asked for again with its ETag, then 304 with no body; after a suspension the old ETag gets the new answer`, async () => {
      const first = await request(registry.app).get(path(number)).expect(200).expect('Content-Type', /json/);
      assert.equal(first.headers['cache-control'], 'public, max-age=5');
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/);
      assert.equal(first.body.status, 'valid');

      const again = await request(registry.app).get(path(number)).expect(200);
      assert.equal(again.headers.etag, etag, 'the same answer has the same ETag, whenever it was checked');
      const revalidated = await request(registry.app).get(path(number)).set('If-None-Match', etag).expect(304);
      assert.equal(revalidated.text, '');
      assert.equal(revalidated.headers.etag, etag);
      await request(registry.app).get(path(number)).set('If-None-Match', '"something-else"').expect(200);

      await changeStatus(certificatesContextOf(registry), ir.actor, number, 'suspend', `suspended while the ${name} is cached`);
      const changed = await request(registry.app).get(path(number)).set('If-None-Match', etag).expect(200);
      assert.equal(changed.body.status, 'suspended');
      assert.notEqual(changed.headers.etag, etag);
      assert.equal((await registry.store.certificates.events(number)).at(-1)?.status, 'suspended');
      await changeStatus(certificatesContextOf(registry), ir.actor, number, 'reinstate', 'reinstated after the check');
    });
  }

  it('when a number cannot exist, then the answer (verdict invalid) is cacheable too, and a problem is not', async () => {
    const wrong = `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;
    const res = await request(registry.app).get(`/api/v1/verify/${wrong}`).expect(200);
    assert.deepEqual([res.body.verdict, res.headers['cache-control']], ['invalid', 'public, max-age=5']);
    await request(registry.app).get(`/api/v1/verify/${wrong}`).set('If-None-Match', String(res.headers.etag)).expect(304);
    const missing = await request(registry.app).get(`/api/v1/certificates/${wrong}`).expect('Content-Type', /problem\+json/);
    assert.ok(missing.status >= 400);
    assert.notEqual(missing.headers['cache-control'], 'public, max-age=5');
  });
});
