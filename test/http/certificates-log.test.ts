import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import request from 'supertest';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { rfcLeafHash, rfcVerifyConsistency, rfcVerifyInclusion } from '../helpers/rfc9162-verifier.ts';

describe('transparency log', () => {
  let registry: TestRegistry;
  const numbers: string[] = [];

  before(async () => {
    registry = await startRegistry({ shipped: true });
    const ir = await regulatorOf(registry, 'IR');
    const ru = await regulatorOf(registry, 'RU');
    const ctx = certificatesContextOf(registry);
    for (let i = 0; i < 7; i += 1) numbers.push((await issueDirect(registry, ctx, await issuanceInput(registry, i % 2 ? ru.actor : ir.actor))).number);
    await request(registry.app).post(`/api/v1/certificates/${numbers[0]}/suspend`).set('Authorization', ir.auth).send({ reason: 'checking' }).expect(200);
  });
  after(() => registry.close());

  it('when the checkpoint is fetched, then the log key signs it and both jurisdictions co-sign it, verifiable with the JWK Set', async () => {
    const checkpoint = (await request(registry.app).get('/api/v1/log/checkpoint').expect(200)).body;
    assert.equal(checkpoint.treeSize, 8);
    assert.equal(checkpoint.origin, 'http://registry.test/api/v1/log');
    const jwks = (await request(registry.app).get('/.well-known/jwks.json').expect(200)).body;
    const keySet = createLocalJWKSet(jwks);
    const signed = { origin: checkpoint.origin, rootHash: checkpoint.rootHash, timestamp: checkpoint.timestamp, treeSize: checkpoint.treeSize };
    const { payload } = await compactVerify(checkpoint.signature.jws, keySet);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), signed);
    assert.equal(jwks.keys.find((k: { kid: string }) => k.kid === checkpoint.signature.kid).purpose, 'log');
    assert.deepEqual(checkpoint.cosignatures.map((c: { jurisdiction: string }) => c.jurisdiction), ['IR', 'RU']);
    for (const cosignature of checkpoint.cosignatures) await compactVerify(cosignature.jws, keySet);
  });

  it('when entries are listed, then they hold hashes, numbers and dates only, and their leaf hashes are SHA-256(0x00 ‖ entry)', async () => {
    const page = (await request(registry.app).get('/api/v1/log/entries?start=2&end=5').expect(200)).body;
    assert.deepEqual(page.entries.map((e: { index: number }) => e.index), [2, 3, 4]);
    const leaves = await registry.store.transparencyLog.leaves(2, 5);
    for (const [i, entry] of page.entries.entries()) {
      assert.deepEqual(Object.keys(entry.entry).sort(), ['at', 'credentialHash', 'number', 'status', 'type']);
      assert.equal(entry.leafHash, rfcLeafHash(leaves[i]!.entry).toString('hex'));
    }
    assert.equal((await request(registry.app).get('/api/v1/log/entries?start=100').expect(404)).body.code, 'not_found');
    await request(registry.app).get('/api/v1/log/entries?start=-1').expect(400);
  });

  it('when inclusion is proven by number or by leaf and size, then the independent RFC 9162 verifier accepts it', async () => {
    const byNumber = (await request(registry.app).get(`/api/v1/log/proof/inclusion?number=${numbers[3]}`).expect(200)).body;
    const root = (await request(registry.app).get('/api/v1/log/checkpoint').expect(200)).body.rootHash;
    assert.equal(byNumber.leafIndex, 3);
    assert.ok(rfcVerifyInclusion(byNumber.leafIndex, byNumber.treeSize, byNumber.leafHash, byNumber.path, root));
    const first = (await request(registry.app).get(`/api/v1/log/proof/inclusion?number=${numbers[0]}`).expect(200)).body;
    assert.deepEqual(first.leaves.map((l: { action: string }) => l.action), ['issued', 'suspended']);
    const atFive = (await request(registry.app).get('/api/v1/log/proof/inclusion?leaf=4&size=5').expect(200)).body;
    const consistency = (await request(registry.app).get('/api/v1/log/proof/consistency?from=5&to=8').expect(200)).body;
    assert.ok(rfcVerifyInclusion(4, 5, atFive.leafHash, atFive.path, consistency.fromRoot));
    assert.equal(rfcVerifyInclusion(4, 5, atFive.leafHash, atFive.path, root), false);
    await request(registry.app).get('/api/v1/log/proof/inclusion?leaf=8').expect(404);
    await request(registry.app).get('/api/v1/log/proof/inclusion?number=IRRU-IR-2020-000001-0').expect(404);
    await request(registry.app).get('/api/v1/log/proof/inclusion').expect(400);
  });

  it('when consistency between every earlier size and now is proven, then the independent verifier accepts each', async () => {
    const now = (await request(registry.app).get('/api/v1/log/checkpoint').expect(200)).body;
    for (let from = 1; from <= now.treeSize; from += 1) {
      const proof = (await request(registry.app).get(`/api/v1/log/proof/consistency?from=${from}&to=${now.treeSize}`).expect(200)).body;
      assert.equal(proof.toRoot, now.rootHash);
      assert.ok(rfcVerifyConsistency(from, now.treeSize, proof.fromRoot, proof.toRoot, proof.path), `from ${from}`);
    }
    await request(registry.app).get('/api/v1/log/proof/consistency?from=0&to=3').expect(400);
    await request(registry.app).get('/api/v1/log/proof/consistency?from=2&to=99').expect(404);
  });

  it('when someone edits or deletes a leaf directly in the database, then the triggers refuse it', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${registry.dataDir}/registry.sqlite`);
    assert.throws(() => db.prepare("UPDATE log_leaves SET entry = '{}' WHERE leaf_index = 0").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM log_leaves').run(), /append-only/);
    assert.throws(() => db.prepare("UPDATE certificates SET model = 'x'").run(), /immutable/);
    db.close();
  });
});
