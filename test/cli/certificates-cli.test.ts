import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { keysDirOf } from '../../server/domain/credentials/key-vault.ts';
import { buildOfflineBundle } from '../../server/domain/verification/offline-bundle.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { runRegistryAt, runRegistryInProcess } from '../helpers/cli.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('registry verify, keys rotate, init keys', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let number: string;
  const files = { certificate: '', bundle: '', checkpoint: '', tampered: '' };
  let logKey = '';
  const cli = (args: string[]) => runRegistryInProcess({ REGISTRY_DATA_DIR: registry.dataDir, PUBLIC_BASE_URL: registry.config.publicBaseUrl }, args);
  const saveCertificate = async (name: string) => {
    const path = join(registry.dataDir, name);
    writeFileSync(path, JSON.stringify((await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200)).body));
    return path;
  };

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR', 'CRA Iran');
    await regulatorOf(registry, 'RU', 'Roskomnadzor test');
    number = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).number;
    const certificate = (await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200)).body;
    const dir = registry.dataDir;
    files.certificate = join(dir, 'certificate.json');
    files.bundle = join(dir, 'bundle.jws');
    files.checkpoint = join(dir, 'checkpoint.json');
    files.tampered = join(dir, 'tampered.jws');
    writeFileSync(files.certificate, JSON.stringify(certificate));
    writeFileSync(files.bundle, (await request(registry.app).get('/api/v1/bundle').expect(200).expect('Content-Type', /application\/jose/)).text);
    logKey = (await request(registry.app).get('/api/v1/log/keys').expect(200)).text.split('\n')[0]!;
    writeFileSync(files.checkpoint, JSON.stringify(certificate.checkpoint));
    const [h, p, s] = (certificate.jws as string).split('.');
    const payload = Buffer.from(p!, 'base64url');
    payload[40] = payload[40]! ^ 1;
    writeFileSync(files.tampered, `${h}.${payload.toString('base64url')}.${s}`);
  });
  after(() => registry.close());

  it('when init runs, then the RU authority without a key gets one, private keys are 0600 files, and a rerun creates none', async () => {
    const first = await runRegistryAt(registry.dataDir, ['init']);
    assert.equal(first.code, 0, first.stderr);
    const created = JSON.parse(first.stdout).keysCreated;
    assert.deepEqual(created.map((k: { purpose: string; jurisdiction: string }) => `${k.purpose}:${k.jurisdiction}`), ['credential:RU']);
    assert.equal(JSON.stringify(JSON.parse(first.stdout)).includes('"d":'), false);
    for (const file of readdirSync(keysDirOf(registry.dataDir))) assert.equal(statSync(join(keysDirOf(registry.dataDir), file)).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse((await runRegistryAt(registry.dataDir, ['init'])).stdout).keysCreated, []);
  });

  it('when a valid certificate is verified offline with a fresh, pinned bundle, then it is valid (exit 0), the bundle\'s age is stated and no data directory is created', async () => {
    const missing = join(registry.dataDir, 'never-created');
    const result = await runRegistryInProcess({ REGISTRY_DATA_DIR: missing }, ['verify', files.certificate, '--offline', '--bundle', files.bundle, '--log-key', logKey, '--checkpoint', files.checkpoint]);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual([out.integrity, out.issuer, out.log, out.checkpoint, out.status, out.verdict], ['valid', 'recognised', 'included', 'valid', 'valid', 'valid']);
    assert.deepEqual([out.bundle.pinned, out.bundle.stale, out.bundle.maxAgeHours], [true, false, 48]);
    assert.ok(out.bundle.ageHours >= 0 && out.bundle.ageHours < 1);
    assert.match(result.stderr, /^valid IRRU-IR-/);
    assert.equal(out.certificate.product.model, 'EX-5G Pro');
    assert.equal(existsSync(missing), false);
  });

  it('when the bundle is not pinned, older than the limit, altered, or signed by another log key, then offline verification refuses it and says why (exit 1)', async () => {
    const unpinned = await cli(['verify', files.certificate, '--offline', '--bundle', files.bundle]);
    assert.equal(unpinned.code, 1);
    assert.deepEqual(JSON.parse(unpinned.stdout).reasons.map((r: { code: string }) => r.code), ['bundle_unpinned']);
    const old = join(registry.dataDir, 'old-bundle.jws');
    writeFileSync(old, await buildOfflineBundle(certificatesContextOf(registry, { now: () => new Date(Date.now() - 49 * 3_600_000) })));
    const stale = await cli(['verify', files.certificate, '--offline', '--bundle', old, '--log-key', logKey]);
    assert.equal(stale.code, 1);
    assert.equal(JSON.parse(stale.stdout).verdict, 'unknown');
    assert.match(stale.stderr, /stale: the bundle is 49\.\d hours old, past the 48-hour limit/);
    const [h, p, sig] = (await request(registry.app).get('/api/v1/bundle').expect(200)).text.split('.');
    const payload = Buffer.from(p!, 'base64url').toString('utf8').replace('"registry":"http', '"registry":"https');
    const altered = join(registry.dataDir, 'altered-bundle.jws');
    writeFileSync(altered, `${h}.${Buffer.from(payload).toString('base64url')}.${sig}`);
    const refused = await cli(['verify', files.certificate, '--offline', '--bundle', altered, '--log-key', logKey]);
    assert.equal(refused.code, 1);
    assert.equal(JSON.parse(refused.stdout).verdict, 'invalid');
    assert.match(refused.stderr, /altered/);
    const otherKey = logKey.replace(/\+[0-9a-f]{8}\+.*$/, `+00000000+${Buffer.concat([Buffer.from([1]), Buffer.alloc(32, 7)]).toString('base64')}`);
    const foreign = await cli(['verify', files.certificate, '--offline', '--bundle', files.bundle, '--log-key', otherKey]);
    assert.equal(foreign.code, 1);
    assert.match(foreign.stderr, /another log key than the one pinned/);
    const usage = await cli(['verify', files.certificate, '--offline']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--offline needs --bundle/);
  });

  it('when a tampered JWS is verified offline, then integrity is invalid (exit 1)', async () => {
    const result = await cli(['verify', files.tampered, '--offline', '--bundle', files.bundle, '--log-key', logKey]);
    assert.equal(result.code, 1);
    assert.deepEqual([JSON.parse(result.stdout).integrity, JSON.parse(result.stdout).verdict], ['invalid', 'invalid']);
  });

  it('when a number with a wrong check digit is verified, then "no such certificate number (check digit)" on one line (exit 1)', async () => {
    const wrong = `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;
    const result = await cli(['verify', wrong]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.split('\n').length, 1);
    assert.match(result.stderr, /^invalid .*no such certificate number \(check digit\)/);
    assert.equal(JSON.parse(result.stdout).reasons[0].code, 'bad_check_digit');
  });

  it('when the certificate is suspended, then online verify says so (exit 1); reinstated, it is valid with the product and validity (exit 0)', async () => {
    await request(registry.app).post(`/api/v1/certificates/${number}/suspend`).set('Authorization', ir.auth).send({ reason: 'under investigation' }).expect(200);
    const suspended = await cli(['verify', number]);
    assert.equal(suspended.code, 1);
    assert.deepEqual(JSON.parse(suspended.stdout).reasons.map((r: { code: string }) => r.code), ['status_suspended']);
    await request(registry.app).post(`/api/v1/certificates/${number}/reinstate`).set('Authorization', ir.auth).send({ reason: 'cleared' }).expect(200);
    const valid = await cli(['verify', number]);
    assert.equal(valid.code, 0, valid.stderr);
    const out = JSON.parse(valid.stdout);
    assert.equal(out.verdict, 'valid');
    assert.equal(out.certificate.product.hsCode, '8517.13.00');
    assert.ok(out.certificate.validFrom && out.certificate.validUntil);
  });

  it('when the key is rotated and the certificate revoked, then the old certificate still verifies but online verify reports revoked (exit 1)', async () => {
    const rotated = await runRegistryAt(registry.dataDir, ['keys', 'rotate', '--org', 'CRA Iran']);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.ok(JSON.parse(rotated.stdout).retired);
    const valid = await cli(['verify', number]);
    assert.equal(valid.code, 0, valid.stdout + valid.stderr);
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', ir.auth).send({ reason: 'fraudulent report' }).expect(200);
    const revoked = await cli(['verify', number]);
    assert.equal(revoked.code, 1);
    assert.deepEqual(['verdict', 'integrity', 'issuer', 'status'].map((k) => JSON.parse(revoked.stdout)[k]), ['invalid', 'valid', 'recognised', 'revoked']);
    assert.equal((await cli(['keys', 'rotate', '--org', 'No such org'])).code, 2);
  });

  it('when a revoked certificate is verified offline with a bundle made after the revocation, then its status list says revoked (exit 1); `registry bundle --out` writes the same kind of file', async () => {
    const saved = await saveCertificate('revoked-certificate.json');
    const bundle = join(registry.dataDir, 'after-revocation.jws');
    const written = await cli(['bundle', '--out', bundle]);
    assert.equal(written.code, 0, written.stderr);
    const result = await cli(['verify', saved, '--offline', '--bundle', bundle, '--log-key', logKey]);
    assert.equal(result.code, 1);
    const out = JSON.parse(result.stdout);
    assert.deepEqual([out.verdict, out.status, out.reportedStatus], ['invalid', 'revoked', 'revoked']);
    assert.ok(out.reasons.some((r: { code: string }) => r.code === 'status_revoked'));
    const before = await cli(['verify', saved, '--offline', '--bundle', files.bundle, '--log-key', logKey]);
    assert.deepEqual([JSON.parse(before.stdout).status, JSON.parse(before.stdout).verdict], ['valid', 'invalid'], 'an older bundle does not know the revocation; the saved report still denies validity');
  });
});
