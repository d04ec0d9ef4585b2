import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { c2spVerifyCheckpoint } from '../helpers/c2sp-verifier.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { rfcLeafHash, rfcRoot, rfcVerifyConsistency, rfcVerifyInclusion } from '../helpers/rfc9162-verifier.ts';

const origin = 'registry.test/api/v1/log';

/** Tree size and root hash (hex) read from a checkpoint note's second and third lines (tlog-checkpoint §"Note text"). */
function noteHead(note: string): { treeSize: number; rootHash: string } {
  const [, size, root] = note.split('\n');
  return { treeSize: Number(size), rootHash: Buffer.from(String(root), 'base64').toString('hex') };
}

describe('transparency log', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let ru: Awaited<ReturnType<typeof regulatorOf>>;
  const numbers: string[] = [];
  /** Leaves after the set-up: 7 issuances and a suspension (plus whatever else a status change records). */
  let treeSize = 0;
  const get = (path: string) => request(registry.app).get(path);
  /** What an outside verifier is configured with: the log's origin and the vkeys the registry publishes (key IDs are recomputed by the verifier). */
  const trustOf = async () => {
    const [log, ...witnesses] = (await get('/api/v1/log/keys').expect(200)).text.trimEnd().split('\n');
    return { origin, log: log!, witnesses };
  };
  const issue = async (count: number) => {
    const ctx = certificatesContextOf(registry);
    for (let i = 0; i < count; i += 1) numbers.push((await issueDirect(registry, ctx, await issuanceInput(registry, numbers.length % 2 ? ru.actor : ir.actor))).number);
  };

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    ru = await regulatorOf(registry, 'RU');
    await issue(7);
    await request(registry.app).post(`/api/v1/certificates/${numbers[0]}/suspend`).set('Authorization', ir.auth).send({ reason: 'checking' }).expect(200);
    treeSize = await registry.store.transparencyLog.size();
  });
  after(() => registry.close());

  it('when the checkpoint is fetched, then it is a C2SP signed note of this origin, signed by the log key and cosigned by the IR and RU witnesses', async () => {
    const res = await get('/api/v1/log/checkpoint').expect(200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'public, max-age=5');
    assert.ok(treeSize >= 8);
    const leaves = await registry.store.transparencyLog.leafHashes(treeSize);
    const verified = c2spVerifyCheckpoint(res.text, await trustOf());
    assert.deepEqual({ size: verified.size, root: verified.root, origin: verified.origin }, { size: treeSize, root: rfcRoot(leaves), origin });
    assert.deepEqual(Object.keys(verified.cosignedAt), [`${origin}/witness/ir`, `${origin}/witness/ru`]);
    // Stored as served.
    assert.equal((await registry.store.checkpoints.get(treeSize))?.note, res.text);
  });

  it('when the verifier keys are fetched, then the log vkey holds the log key the JWK Set publishes, and the witness keys are not in it', async () => {
    const keys = await get('/api/v1/log/keys.json').expect(200);
    assert.equal(keys.headers['cache-control'], 'public, max-age=300');
    assert.equal(keys.body.origin, origin);
    assert.deepEqual(keys.body.keys.map((k: { role: string; jurisdiction: string | null; name: string }) => [k.role, k.jurisdiction, k.name]), [
      ['log', null, origin], ['witness', 'IR', `${origin}/witness/ir`], ['witness', 'RU', `${origin}/witness/ru`],
    ]);
    const text = await get('/api/v1/log/keys').expect(200);
    assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(text.text, keys.body.keys.map((k: { vkey: string }) => `${k.vkey}\n`).join(''));
    const logKey = await registry.store.signingKeys.active('log', null);
    assert.equal(Buffer.from(keys.body.keys[0].publicKey, 'base64').toString('base64url'), logKey?.publicJwk.x);
    const published = JSON.stringify((await get('/.well-known/jwks.json').expect(200)).body);
    assert.ok(published.includes(String(logKey?.publicJwk.x)));
    for (const witness of keys.body.keys.slice(1)) assert.equal(published.includes(Buffer.from(witness.publicKey, 'base64').toString('base64url')), false);
  });

  it('when a certificate is read, then it embeds the checkpoint its proof leads to, readable and as the signed note', async () => {
    const certificate = (await get(`/api/v1/certificates/${numbers[2]}`).expect(200)).body;
    const { checkpoint, inclusionProof: proof } = certificate;
    const verified = c2spVerifyCheckpoint(checkpoint.note, await trustOf());
    assert.deepEqual([checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash], [origin, verified.size, verified.root]);
    assert.equal(proof.treeSize, checkpoint.treeSize);
    assert.ok(rfcVerifyInclusion(proof.leafIndex, proof.treeSize, proof.leafHash, proof.path, verified.root));
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
    const root = noteHead((await request(registry.app).get('/api/v1/log/checkpoint').expect(200)).text).rootHash;
    assert.equal(byNumber.leafIndex, 3);
    assert.ok(rfcVerifyInclusion(byNumber.leafIndex, byNumber.treeSize, byNumber.leafHash, byNumber.path, root));
    const first = (await request(registry.app).get(`/api/v1/log/proof/inclusion?number=${numbers[0]}`).expect(200)).body;
    assert.deepEqual(first.leaves.map((l: { action: string }) => l.action), ['issued', 'suspended']);
    const atFive = (await request(registry.app).get('/api/v1/log/proof/inclusion?leaf=4&size=5').expect(200)).body;
    const consistency = (await request(registry.app).get(`/api/v1/log/proof/consistency?from=5&to=${treeSize}`).expect(200)).body;
    assert.ok(rfcVerifyInclusion(4, 5, atFive.leafHash, atFive.path, consistency.fromRoot));
    assert.equal(rfcVerifyInclusion(4, 5, atFive.leafHash, atFive.path, root), false);
    await request(registry.app).get(`/api/v1/log/proof/inclusion?leaf=${treeSize}`).expect(404);
    await request(registry.app).get('/api/v1/log/proof/inclusion?number=IRRU-IR-2020-000001-0').expect(404);
    await request(registry.app).get('/api/v1/log/proof/inclusion').expect(400);
  });

  it('when consistency between every earlier size and now is proven, then the independent verifier accepts each', async () => {
    const now = noteHead((await request(registry.app).get('/api/v1/log/checkpoint').expect(200)).text);
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
    assert.throws(() => db.prepare("UPDATE log_checkpoints SET note = 'x'").run(), /immutable/);
    assert.throws(() => db.prepare('DELETE FROM log_checkpoints').run(), /immutable/);
    assert.throws(() => db.prepare("UPDATE log_witnesses SET public_key = 'x'").run(), /immutable/);
    db.close();
  });

  it('when a checkpoint size is malformed or was never checkpointed, then problem+json 400 or 404, never a server error', async () => {
    for (const bad of ['abc', '007', '-1', '1.5', '1234567890123456', '8%00']) {
      const res = await get(`/api/v1/log/checkpoints/${bad}`).expect(400);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', bad);
      assert.equal(res.body.code, 'validation_failed', bad);
    }
    const missing = await get('/api/v1/log/checkpoints/5').expect(404);
    assert.equal(missing.body.code, 'not_found');
    assert.match(missing.body.detail, /no checkpoint of tree size 5/);
    await get(`/api/v1/log/checkpoints/${treeSize + 1}`).expect(404);
    assert.equal((await get('/api/v1/log/checkpoint?size=3').expect(400)).body.code, 'validation_failed');
    assert.equal(await registry.store.checkpoints.get(5), null);
  });

  it('when the log grows, then a second checkpoint is stored, the first stays served as it was, and the two are proven consistent', async () => {
    const first = (await get('/api/v1/log/checkpoint').expect(200)).text;
    await issue(3);
    const second = (await get('/api/v1/log/checkpoint').expect(200)).text;
    const trust = await trustOf();
    const [old, current] = [c2spVerifyCheckpoint(first, trust), c2spVerifyCheckpoint(second, trust)];
    assert.deepEqual([old.size, current.size], [treeSize, treeSize + 3]);
    const stored = await get(`/api/v1/log/checkpoints/${treeSize}`).expect(200);
    assert.equal(stored.text, first);
    assert.equal(stored.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await get(`/api/v1/log/checkpoints/${treeSize + 3}`).expect(200)).text, second);
    const proof = (await get(`/api/v1/log/proof/consistency?from=${old.size}&to=${current.size}`).expect(200)).body;
    assert.deepEqual([proof.fromRoot, proof.toRoot], [old.root, current.root]);
    assert.ok(rfcVerifyConsistency(old.size, current.size, old.root, current.root, proof.path));
    assert.equal(rfcVerifyConsistency(old.size, current.size, old.root, current.root, proof.path.slice(1)), false);
    assert.deepEqual([(await registry.store.checkpoints.get(treeSize))?.note, (await registry.store.checkpoints.latest())?.note], [first, second]);
  });
});
