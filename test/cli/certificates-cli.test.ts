import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { keysDirOf } from '../../server/domain/certificates/key-vault.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { runRegistry } from '../helpers/cli.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('registry verify, keys rotate, init keys', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let number: string;
  const files = { certificate: '', jwks: '', checkpoint: '', tampered: '' };

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR', 'CRA Iran');
    await regulatorOf(registry, 'RU', 'Roskomnadzor test');
    number = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).number;
    const certificate = (await request(registry.app).get(`/api/v1/certificates/${number}`).expect(200)).body;
    const dir = registry.dataDir;
    files.certificate = join(dir, 'certificate.json');
    files.jwks = join(dir, 'jwks.json');
    files.checkpoint = join(dir, 'checkpoint.json');
    files.tampered = join(dir, 'tampered.jws');
    writeFileSync(files.certificate, JSON.stringify(certificate));
    writeFileSync(files.jwks, JSON.stringify((await request(registry.app).get('/.well-known/jwks.json').expect(200)).body));
    writeFileSync(files.checkpoint, JSON.stringify(certificate.checkpoint));
    const [h, p, s] = (certificate.jws as string).split('.');
    const payload = Buffer.from(p!, 'base64url');
    payload[40] = payload[40]! ^ 1;
    writeFileSync(files.tampered, `${h}.${payload.toString('base64url')}.${s}`);
  });
  after(() => registry.close());

  it('when init runs, then the RU authority without a key gets one, private keys are 0600 files, and a rerun creates none', () => {
    const first = runRegistry(registry.dataDir, ['init']);
    assert.equal(first.code, 0, first.stderr);
    const created = JSON.parse(first.stdout).keysCreated;
    assert.deepEqual(created.map((k: { purpose: string; jurisdiction: string }) => `${k.purpose}:${k.jurisdiction}`), ['credential:RU']);
    assert.equal(JSON.stringify(JSON.parse(first.stdout)).includes('"d":'), false);
    for (const file of readdirSync(keysDirOf(registry.dataDir))) assert.equal(statSync(join(keysDirOf(registry.dataDir), file)).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(runRegistry(registry.dataDir, ['init']).stdout).keysCreated, []);
  });

  it('when verified offline from the certificate file, the JWK Set and the checkpoint, then all checks pass (exit 0)', () => {
    const result = runRegistry(registry.dataDir, ['verify', files.certificate, '--offline', '--jwks', files.jwks, '--checkpoint', files.checkpoint]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual([out.integrity, out.issuer, out.log, out.checkpoint, out.status], ['valid', 'recognised', 'included', 'valid', 'unknown']);
  });

  it('when a tampered JWS is verified offline, then integrity is invalid (exit 1)', () => {
    const result = runRegistry(registry.dataDir, ['verify', files.tampered, '--offline', '--jwks', files.jwks]);
    assert.equal(result.code, 1);
    assert.equal(JSON.parse(result.stdout).integrity, 'invalid');
  });

  it('when the key is rotated and the certificate revoked, then the old certificate still verifies but online verify reports revoked (exit 1)', async () => {
    const rotated = runRegistry(registry.dataDir, ['keys', 'rotate', '--org', 'CRA Iran']);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.ok(JSON.parse(rotated.stdout).retired);
    const valid = runRegistry(registry.dataDir, ['verify', number]);
    assert.equal(valid.code, 0, valid.stdout + valid.stderr);
    await request(registry.app).post(`/api/v1/certificates/${number}/revoke`).set('Authorization', ir.auth).send({ reason: 'fraudulent report' }).expect(200);
    const revoked = runRegistry(registry.dataDir, ['verify', number]);
    assert.equal(revoked.code, 1);
    assert.deepEqual(['integrity', 'issuer', 'status'].map((k) => JSON.parse(revoked.stdout)[k]), ['valid', 'recognised', 'revoked']);
    assert.equal(runRegistry(registry.dataDir, ['keys', 'rotate', '--org', 'No such org']).code, 2);
  });
});
