import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeStatus } from '../../../server/domain/certificates/status.ts';
import { rotateOrganisationKey } from '../../../server/domain/credentials/key-management.ts';
import { fileKeyVault, keysDirOf } from '../../../server/domain/credentials/key-vault.ts';
import { registryKeyResolver, thumbprintOfKid } from '../../../server/domain/identities/key-resolution.ts';
import { verifyCertificate } from '../../../server/domain/verification/verification.ts';
import { assessRegisteredCredential, BoundedLru, verificationCacheCounters } from '../../../server/domain/verification/verification-cache.ts';
import type { CertificateRecord } from '../../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../../helpers/registry.ts';

describe('verification cache', () => {
  let registry: TestRegistry;

  before(async () => {
    registry = await startRegistry({ shipped: true });
  });
  after(() => registry.close());

  async function issued(): Promise<{ certificate: CertificateRecord; regulator: Awaited<ReturnType<typeof regulatorOf>> }> {
    const regulator = await regulatorOf(registry, 'IR');
    const certificate = await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, regulator.actor));
    return { certificate, regulator };
  }

  const verify = (number: string) => verifyCertificate(certificatesContextOf(registry), { number });
  const assessments = () => verificationCacheCounters.signatureAssessments;
  const listChecks = () => verificationCacheCounters.listChecks;

  it('when a certificate is verified twice, then the signature is checked once, and a revocation in between is reported at once', async () => {
    const { certificate, regulator } = await issued();
    const start = assessments();
    const first = await verify(certificate.number);
    assert.deepEqual([first.verdict, first.integrity, first.issuer, first.status, first.log], ['valid', 'valid', 'recognised', 'valid', 'included']);
    assert.equal(assessments(), start + 1);
    const listsChecked = listChecks();
    const second = await verify(certificate.number);
    assert.deepEqual([second.verdict, second.status, second.certificate], ['valid', 'valid', first.certificate]);
    assert.equal(assessments(), start + 1, 'the repeat is served from the cache');
    assert.equal(listChecks(), listsChecked, 'the unchanged status lists are not checked again');

    await changeStatus(certificatesContextOf(registry), regulator.actor, certificate.number, 'revoke', 'counterfeit units found at the border');
    const revoked = await verify(certificate.number);
    assert.deepEqual([revoked.verdict, revoked.integrity, revoked.status], ['invalid', 'valid', 'revoked']);
    assert.ok(revoked.reasons.some((reason) => reason.code === 'status_revoked'), JSON.stringify(revoked.reasons));
    assert.equal(assessments(), start + 1, 'the status changed, the signature was not checked again');
    assert.ok(listChecks() > listsChecked, 'the re-signed revocation list is checked');
    assert.equal((await registry.store.certificates.events(certificate.number)).at(-1)?.status, 'revoked');
  });

  it('when the authority rotates its key, then older certificates still verify (assessed again once, with the retired key)', async () => {
    const { certificate, regulator } = await issued();
    await verify(certificate.number);
    const org = (await registry.store.organisations.get(regulator.actor.orgId))!;
    const rotated = await rotateOrganisationKey(registry.store, fileKeyVault(keysDirOf(registry.dataDir)), org.name);
    assert.equal(rotated.retired, thumbprintOfKid(certificate.kid));
    assert.ok((await registry.store.signingKeys.get(rotated.retired!))?.retiredAt, 'the old key is stored as retired');
    const start = assessments();
    const after = await verify(certificate.number);
    assert.deepEqual([after.verdict, after.integrity, after.issuer, after.status], ['valid', 'valid', 'recognised', 'valid']);
    assert.equal(assessments(), start + 1, 'the key changed, so the credential was assessed again');
    await verify(certificate.number);
    assert.equal(assessments(), start + 1);
  });

  it('when the signing key is found retired before the certificate became valid, then the cached "recognised" is not served', async () => {
    const { certificate } = await issued();
    assert.equal((await verify(certificate.number)).issuer, 'recognised');
    const before = new Date(Date.parse(certificate.validFrom) - 60_000).toISOString();
    await registry.store.transaction((tx) => tx.signingKeys.retire(thumbprintOfKid(certificate.kid), before));
    const after = await verify(certificate.number);
    assert.deepEqual([after.verdict, after.issuer], ['invalid', 'not_recognised']);
    assert.ok(after.reasons.some((reason) => /retired/.test(reason.message)), JSON.stringify(after.reasons));
  });

  it('when a stored JWS differs from the cached one under the same credential hash, then it is assessed afresh and fails', async () => {
    const { certificate } = await issued();
    const resolve = registryKeyResolver(registry.store.signingKeys, registry.config.publicBaseUrl);
    assert.equal((await assessRegisteredCredential(registry.store, certificate, resolve)).integrity, 'valid');
    const [header, payload, signature] = certificate.jws.split('.') as [string, string, string];
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const tampered = { ...certificate, jws: `${header}.${payload}.${flipped}` };
    const assessment = await assessRegisteredCredential(registry.store, tampered, resolve);
    assert.deepEqual([assessment.integrity, assessment.reasons], ['invalid', ['the signature does not verify']]);
    assert.equal((await assessRegisteredCredential(registry.store, certificate, resolve)).integrity, 'valid');
  });

  it('when more entries than its capacity are added, then the least recently used one is dropped', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    assert.equal(lru.get('a'), 1);
    lru.set('c', 3);
    assert.deepEqual([lru.get('a'), lru.get('b'), lru.get('c'), lru.size], [1, undefined, 3, 2]);
  });
});
