import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import request from 'supertest';
import { canonicalJson } from '../../server/domain/canonical-json.ts';
import { assessCredentialJws } from '../../server/domain/credentials/credential-check.ts';
import { rotateOrganisationKey } from '../../server/domain/credentials/key-management.ts';
import { fileKeyVault, keysDirOf } from '../../server/domain/credentials/key-vault.ts';
import { didDocumentUrl } from '../../server/domain/identities/did-web.ts';
import { didDocumentResolver, registryKeyResolver } from '../../server/domain/identities/key-resolution.ts';
import type { DidDocument } from '../../server/domain/identities/did-documents.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

/** The path a did:web DID resolves to on this registry (did:web §3.2 Read), fetched with supertest. */
async function resolveDid(registry: TestRegistry, did: string): Promise<DidDocument> {
  const url = new URL(didDocumentUrl(did)!);
  const res = await request(registry.app).get(url.pathname).expect(200).expect('Content-Type', /application\/did\+json/);
  return res.body as DidDocument;
}

/** Re-signs a credential with a stored private key, as someone holding a retired key could. */
async function signWith(registry: TestRegistry, thumbprint: string, kid: string, credential: Record<string, unknown>): Promise<string> {
  const privateJwk = fileKeyVault(keysDirOf(registry.dataDir)).read(thumbprint) as JWK;
  return new CompactSign(new TextEncoder().encode(canonicalJson(credential)))
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt', cty: 'vc' }).sign(await importJWK(privateJwk, 'EdDSA'));
}

describe('did:web identities: issuers and keys an outside verifier resolves', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let jws: string;
  let credential: Record<string, unknown> & { issuer: { id: string }; validFrom: string };

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    jws = (await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor))).jws;
    credential = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
  });
  after(() => registry.close());

  it('when the issuer DID is resolved by did:web rules, then its document alone verifies the credential with jose', async () => {
    const { kid } = decodeProtectedHeader(jws);
    assert.equal(kid!.split('#')[0], credential.issuer.id);
    assert.match(credential.issuer.id, /^did:web:[^:]+:authorities:[0-9a-f-]{36}$/);
    const document = await resolveDid(registry, credential.issuer.id);
    assert.equal(document.id, credential.issuer.id);
    assert.deepEqual(document['@context'], ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1']);
    const method = document.verificationMethod.find((candidate) => candidate.id === kid)!;
    assert.ok(method && document.assertionMethod.includes(kid!), 'the kid is an assertion method of the issuer');
    assert.deepEqual(Object.keys(method.publicKeyJwk).sort(), ['crv', 'kty', 'x']);
    const { payload } = await compactVerify(jws, await importJWK({ ...method.publicKeyJwk, alg: 'EdDSA' }, 'EdDSA'));
    assert.equal(JSON.parse(new TextDecoder().decode(payload)).id, credential.id);
  });

  it('when the log DID is resolved, then it lists the log key, and unknown or malformed authorities are 404 problems', async () => {
    await request(registry.app).get('/api/v1/log/checkpoint').expect(200);
    const did = `did:web:${new URL(registry.config.publicBaseUrl).host.replace(':', '%3A')}:log`;
    const document = await resolveDid(registry, did);
    assert.equal(document.verificationMethod.length, 1);
    for (const path of ['/authorities/00000000-0000-4000-8000-000000000000/did.json', '/authorities/not-a-uuid/did.json']) {
      const res = await request(registry.app).get(path).expect(404).expect('Content-Type', /problem\+json/);
      assert.equal(res.body.code, 'not_found');
    }
  });

  it('when a key is retired, then its DID document entry carries the date, older credentials still verify and one it signs afterwards fails', async () => {
    const before = (await resolveDid(registry, credential.issuer.id)).verificationMethod;
    const org = (await registry.store.organisations.get(ir.actor.orgId))!;
    const rotated = await rotateOrganisationKey(registry.store, fileKeyVault(keysDirOf(registry.dataDir)), org.name);
    const document = await resolveDid(registry, credential.issuer.id);
    const old = document.verificationMethod.find((method) => method.id.endsWith(`#${rotated.retired}`))!;
    assert.ok(old.revoked && Date.parse(old.revoked) > Date.parse(credential.validFrom), 'the retired key has its deactivation date');
    assert.equal(document.verificationMethod.length, before.length + 1);
    const offline = didDocumentResolver([document]);
    const online = registryKeyResolver(registry.store.signingKeys, registry.config.publicBaseUrl);
    for (const resolve of [offline, online]) assert.deepEqual([(await assessCredentialJws(jws, resolve)).issuer], ['recognised']);
    const backdated = { ...credential, validFrom: new Date(Date.parse(old.revoked!) + 1000).toISOString() };
    const forged = await signWith(registry, rotated.retired!, old.id, backdated);
    for (const resolve of [offline, online]) {
      const assessment = await assessCredentialJws(forged, resolve);
      assert.equal(assessment.issuer, 'not_recognised');
      assert.match(assessment.reasons.join(' '), /retired/);
    }
    const res = await request(registry.app).post('/api/v1/verify').send({ jws: forged }).expect(200);
    assert.notEqual(res.body.verdict, 'valid');
  });

  it('when a credential names a foreign DID, an unknown key or a key of another authority, then verification says why and never "valid"', async () => {
    const [thumbprint] = decodeProtectedHeader(jws).kid!.split('#').slice(1);
    const foreignDid = 'did:web:registry.example.org:authorities:11111111-1111-4111-8111-111111111111';
    const ru = await regulatorOf(registry, 'RU');
    await issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ru.actor));
    const ruKey = (await registry.store.signingKeys.active('credential', ru.actor.orgId))!;
    const cases: Array<[string, string, Record<string, unknown>, RegExp]> = [
      ['foreign DID', `${foreignDid}#${thumbprint}`, { ...credential, issuer: { ...credential.issuer, id: foreignDid } }, /not an identity of this registry/],
      ['unknown key', `${credential.issuer.id}#${'A'.repeat(43)}`, credential, /not known here/],
      ['another authority\'s key', `${credential.issuer.id}#${ruKey.kid}`, credential, /does not belong to/],
    ];
    for (const [name, kid, payload, reason] of cases) {
      const forged = await signWith(registry, name === 'another authority\'s key' ? ruKey.kid : thumbprint!, kid, payload);
      const res = await request(registry.app).post('/api/v1/verify').send({ jws: forged }).expect(200);
      assert.notEqual(res.body.verdict, 'valid', name);
      const assessment = await assessCredentialJws(forged, registryKeyResolver(registry.store.signingKeys, registry.config.publicBaseUrl));
      assert.match(assessment.reasons.join(' '), reason, name);
    }
  });
});
