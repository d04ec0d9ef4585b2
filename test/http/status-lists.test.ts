import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import request from 'supertest';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import { emptyBitstring, withBit } from '../../server/domain/status-lists/bitstring.ts';
import { buildListCredential, listTtlMs, listValidityMs, signListCredential } from '../../server/domain/status-lists/list-credential.ts';
import { listedStatus } from '../../server/domain/status-lists/listed-status.ts';
import { publishedLists } from '../../server/domain/status-lists/served-lists.ts';
import type { CertificateRecord, StatusPurpose, Store } from '../../server/store/port.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { expandSafely, joseHeaderProblems, validateVc2, vcDataModelProblems } from '../helpers/credential-conformance.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

type Json = Record<string, unknown>;
const base = 'http://registry.test';

/** The JWS payload as JSON, without checking anything. */
const payloadOf = (jws: string): Json => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Json;

/** Bit `index` of a list credential, read here from the spec's text (base64url, GZIP, left-most bit first), not with the registry's code. */
function bitOf(credential: Json, index: number): boolean {
  const encoded = (credential.credentialSubject as { encodedList: string }).encodedList;
  assert.equal(encoded[0], 'u', 'multibase base64url');
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  assert.equal(bytes.length, 16_384, '131,072 entries');
  return ((bytes[index >> 3]! >> (7 - (index % 8))) & 1) === 1;
}

describe('W3C Bitstring Status Lists', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  let orgId: string;
  let first: CertificateRecord;
  let second: CertificateRecord;
  const indexOf = (certificate: CertificateRecord) => (payloadOf(certificate.jws).credentialStatus as { statusListIndex: number }).statusListIndex;
  const listPath = (purpose: StatusPurpose, org = orgId) => `/status/${org}/${purpose}/0`;

  /** Fetches a list and verifies it with jose and the key its kid names in the authority's DID document (served by the registry). */
  async function fetchVerified(purpose: StatusPurpose, org = orgId) {
    const res = await request(registry.app).get(listPath(purpose, org)).expect(200);
    const jws = res.text;
    const header = decodeProtectedHeader(jws);
    const did = (await request(registry.app).get(`/authorities/${org}/did.json`).expect(200)).body as { id: string; verificationMethod: { id: string; publicKeyJwk: JWK }[]; assertionMethod: string[] };
    const method = did.verificationMethod.find((candidate) => candidate.id === header.kid);
    assert.ok(method && did.assertionMethod.includes(method.id), `the DID document lists ${header.kid}`);
    const { payload, protectedHeader } = await compactVerify(jws, await importJWK(method.publicKeyJwk, 'EdDSA'));
    return { res, jws, header: protectedHeader, did: did.id, credential: JSON.parse(new TextDecoder().decode(payload)) as Json, payloadBytes: payload };
  }

  const verdictOf = async (number: string) => (await request(registry.app).get(`/api/v1/verify/${number}`).expect(200)).body as { verdict: string; status: string; reasons: { code: string; message: string }[] };
  const leavesFrom = async (start: number) => (await registry.store.transparencyLog.leaves(start, await registry.store.transparencyLog.size())).map((leaf) => JSON.parse(leaf.entry) as Json);

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
    orgId = ir.user.orgId;
    const ctx = certificatesContextOf(registry);
    first = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
    second = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
  });
  after(() => registry.close());

  it('when a certificate is issued, then its credential carries a revocation and a suspension entry with one index on its authority\'s lists', async () => {
    const credential = payloadOf(first.jws);
    const index = indexOf(first);
    assert.deepEqual(credential.credentialStatus, {
      type: 'BitstringStatusListEntry', id: `${base}${listPath('revocation')}#${index}`, statusPurpose: 'revocation', statusListIndex: index, statusListCredential: `${base}${listPath('revocation')}`,
    });
    assert.deepEqual(credential.suspensionStatus, {
      type: 'BitstringStatusListEntry', id: `${base}${listPath('suspension')}#${index}`, statusPurpose: 'suspension', statusListIndex: index, statusListCredential: `${base}${listPath('suspension')}`,
    });
    assert.deepEqual(await registry.store.statusLists.entry(first.number), { number: first.number, orgId, statusIndex: index, createdAt: (await registry.store.statusLists.entry(first.number))!.createdAt });
    assert.notEqual(indexOf(second), index);
  });

  it('when a list no status change touched is fetched, then it is a signed, all-clear BitstringStatusListCredential with caching headers, and nothing is written', async () => {
    const size = await registry.store.transparencyLog.size();
    const { res, header, did, credential, jws } = await fetchVerified('revocation');
    assert.match(String(res.headers['content-type']), /^application\/vc\+jwt/);
    assert.equal(res.headers['cache-control'], `public, max-age=${listTtlMs / 1000}`);
    assert.ok(Date.parse(res.headers['last-modified']!) <= Date.now());
    assert.deepEqual([header.alg, header.typ, header.cty], ['EdDSA', 'vc+jwt', 'vc']);
    assert.equal(did, `did:web:registry.test:authorities:${orgId}`);
    assert.deepEqual(credential['@context'], ['https://www.w3.org/ns/credentials/v2']);
    assert.deepEqual(credential.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
    assert.equal(credential.id, `${base}${listPath('revocation')}`);
    assert.equal(credential.issuer, did);
    assert.equal(Date.parse(credential.validUntil as string) - Date.parse(credential.validFrom as string), listValidityMs);
    assert.equal(new Date(res.headers['last-modified']!).getTime(), Math.floor(Date.parse(credential.validFrom as string) / 1000) * 1000);
    const { encodedList, ...subject } = credential.credentialSubject as Json;
    assert.deepEqual(subject, { id: `${base}${listPath('revocation')}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: listTtlMs });
    assert.equal(typeof encodedList, 'string');
    assert.equal(bitOf(credential, indexOf(first)), false);
    // Checked with the specifications' own artefacts: the W3C VC 2.0 JSON Schema, JSON-LD safe-mode expansion, VC-JOSE-COSE.
    assert.deepEqual(validateVc2(credential), []);
    assert.deepEqual(vcDataModelProblems(credential), []);
    assert.deepEqual(joseHeaderProblems(jws), []);
    assert.deepEqual((await expandSafely(credential)).problems, []);
    assert.equal(await registry.store.statusLists.list(orgId, 'revocation', 0), null, 'a read writes nothing');
    assert.equal(await registry.store.transparencyLog.size(), size);
    const again = await request(registry.app).get(listPath('revocation')).expect(200);
    assert.equal(again.text, jws, 'the same bytes on every request of the period');
    await request(registry.app).get(listPath('revocation')).set('If-None-Match', String(res.headers.etag)).expect(304);
    const published = (await publishedLists(certificatesContextOf(registry), new Date())).filter((list) => list.url.includes(orgId));
    const suspensionList = (await request(registry.app).get(listPath('suspension')).expect(200)).text;
    assert.deepEqual(published.map((list) => [list.url, list.jws]), [[`${base}${listPath('revocation')}`, jws], [`${base}${listPath('suspension')}`, suspensionList]], 'what an offline bundle carries is what is served');
  });

  it('when a certificate is suspended, reinstated and revoked, then each changed list is re-signed, served and logged with the change', async () => {
    const index = indexOf(first);
    const before = await fetchVerified('suspension');
    let size = await registry.store.transparencyLog.size();
    await request(registry.app).post(`/api/v1/certificates/${first.number}/suspend`).set('Authorization', ir.auth).send({ reason: 'lab report under review' }).expect(200);
    const suspended = await fetchVerified('suspension');
    assert.deepEqual([bitOf(suspended.credential, index), bitOf(suspended.credential, indexOf(second))], [true, false]);
    assert.equal(bitOf((await fetchVerified('revocation')).credential, index), false);
    assert.notEqual(suspended.res.headers.etag, before.res.headers.etag);
    const stored = (await registry.store.statusLists.list(orgId, 'suspension', 0))!;
    assert.equal(stored.jws, suspended.jws);
    assert.deepEqual(await leavesFrom(size), [
      { type: 'certificate.suspended', number: first.number, credentialHash: first.credentialHash, status: 'suspended', at: stored.updatedAt },
      {
        type: 'status-list.updated', list: `${base}${listPath('suspension')}`, credentialHash: createHash('sha256').update(suspended.payloadBytes).digest('hex'),
        bitstringHash: createHash('sha256').update(stored.bits).digest('hex'), at: stored.updatedAt,
      },
    ]);
    assert.equal(suspended.credential.validFrom, stored.updatedAt);
    const whileSuspended = await verdictOf(first.number);
    assert.deepEqual([whileSuspended.verdict, whileSuspended.status], ['invalid', 'suspended']);

    size = await registry.store.transparencyLog.size();
    await request(registry.app).post(`/api/v1/certificates/${first.number}/reinstate`).set('Authorization', ir.auth).send({ reason: 'report confirmed' }).expect(200);
    assert.equal(bitOf((await fetchVerified('suspension')).credential, index), false);
    assert.deepEqual((await leavesFrom(size)).map((entry) => entry.type), ['certificate.reinstated', 'status-list.updated']);
    const reinstated = await verdictOf(first.number);
    assert.deepEqual([reinstated.verdict, reinstated.status, reinstated.reasons], ['valid', 'valid', []]);

    await request(registry.app).post(`/api/v1/certificates/${first.number}/suspend`).set('Authorization', ir.auth).send({ reason: 'second complaint' }).expect(200);
    size = await registry.store.transparencyLog.size();
    await request(registry.app).post(`/api/v1/certificates/${first.number}/revoke`).set('Authorization', ir.auth).send({ reason: 'falsified test report' }).expect(200);
    assert.equal(bitOf((await fetchVerified('revocation')).credential, index), true);
    assert.equal(bitOf((await fetchVerified('suspension')).credential, index), false, 'a revocation ends the suspension');
    assert.deepEqual((await leavesFrom(size)).map((entry) => [entry.type, entry.list ?? entry.status]), [
      ['certificate.revoked', 'revoked'], ['status-list.updated', `${base}${listPath('revocation')}`], ['status-list.updated', `${base}${listPath('suspension')}`],
    ]);
    const revoked = await verdictOf(first.number);
    assert.deepEqual([revoked.verdict, revoked.status], ['invalid', 'revoked']);
    assert.equal(bitOf((await fetchVerified('revocation')).credential, indexOf(second)), false, 'the other certificate stays clear');
  });

  it('when a failure is injected after the status change, then the bits, the list credential and the log leaves roll back with it', async () => {
    const listBefore = await registry.store.statusLists.list(orgId, 'suspension', 0);
    const size = await registry.store.transparencyLog.size();
    let seenInside: { bit: boolean; leaves: number } | undefined;
    const failing: Store = {
      ...registry.store,
      transaction: (work) => registry.store.transaction(async (tx) => {
        await work(tx);
        const list = await tx.statusLists.list(orgId, 'suspension', 0);
        seenInside = { bit: bitOf(payloadOf(list!.jws), indexOf(second)), leaves: (await tx.transparencyLog.size()) - size };
        throw new Error('injected failure');
      }),
    };
    await assert.rejects(changeStatus(certificatesContextOf(registry, { store: failing }), ir.actor, second.number, 'suspend', 'checking'), /injected failure/);
    assert.deepEqual(seenInside, { bit: true, leaves: 2 }, 'inside the transaction the list and both leaves were written');
    assert.deepEqual(await registry.store.statusLists.list(orgId, 'suspension', 0), listBefore);
    assert.equal(await registry.store.transparencyLog.size(), size);
    assert.equal((await registry.store.certificates.events(second.number)).length, 1);
    assert.equal(bitOf((await fetchVerified('suspension')).credential, indexOf(second)), false);
  });

  it('when an issuance rolls back, then its status entry goes with it', async () => {
    const count = await registry.store.statusLists.entryCount(orgId);
    let number: string | undefined;
    const input = await issuanceInput(registry, ir.actor);
    await assert.rejects(issueDirect(registry, certificatesContextOf(registry), input, async (tx) => {
      number = (await tx.certificates.listBySubmission(input.submissionId))[0]?.number;
      assert.ok(await tx.statusLists.entry(number!));
      throw new Error('injected failure');
    }), /injected failure/);
    assert.equal(await registry.store.statusLists.entry(number!), null);
    assert.equal(await registry.store.statusLists.entryCount(orgId), count);
  });

  it('when a list is asked for with a bad or unknown authority, purpose or page, then 400 or 404 problem+json, never a 5xx', async () => {
    const cases: Array<[string, number, RegExp]> = [
      [`/status/00000000-0000-4000-8000-000000000000/revocation/0`, 404, /has no revocation status list 0/],
      [`/status/not-an-id/revocation/0`, 404, /no authority not-an-id/],
      [`/status/${orgId}/message/0`, 404, /no status purpose "message"/],
      [`/status/${orgId}/revocation/1`, 404, /has no revocation status list 1/],
      [`/status/${orgId}/revocation/01`, 400, /not a whole number/],
      [`/status/${orgId}/revocation/-1`, 400, /not a whole number/],
      [`/status/${orgId}/revocation/99999999999999999999`, 400, /not a whole number/],
      [`/status/${orgId}/revocation/0?timestamp=2026-01-01T00:00:00Z`, 400, /takes no query parameters/],
      [`/status/${ir.user.id}/revocation/0`, 404, /has no revocation status list 0/],
    ];
    for (const [path, status, detail] of cases) {
      const res = await request(registry.app).get(path).set('Accept', 'application/vc+jwt');
      assert.equal(res.status, status, path);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, path);
      assert.match(res.body.detail, detail, path);
    }
  });

  describe('when the served list cannot be trusted, then the registry\'s verifier says unknown, naming why, never valid', () => {
    /** A certificate of a fresh authority, and a way to replace what its lists serve. */
    async function freshCase() {
      const regulator = await regulatorOf(registry, 'IR');
      const ctx = certificatesContextOf(registry);
      const certificate = await issueDirect(registry, ctx, await issuanceInput(registry, regulator.actor));
      const org = regulator.user.orgId;
      const key = (await registry.store.signingKeys.active('credential', org))!;
      const place = { orgId: org, purpose: 'suspension' as const, page: 0 };
      const serve = (jws: string, bits = emptyBitstring()) => registry.store.transaction((tx) => tx.statusLists.saveList({ ...place, bits, jws, updatedAt: new Date().toISOString() }));
      return { certificate, org, key, place, ctx, serve, index: indexOf(certificate) };
    }

    const expectUnknown = async (number: string, message: RegExp) => {
      const answer = await verdictOf(number);
      assert.deepEqual([answer.verdict, answer.status], ['unknown', 'unknown']);
      const reason = answer.reasons.find((candidate) => candidate.code === 'status_unknown');
      assert.ok(reason, JSON.stringify(answer.reasons));
      assert.match(reason.message, message);
    };

    it('a list altered after signing: it does not verify', async () => {
      const c = await freshCase();
      const signed = await signListCredential(c.ctx.vault, c.key, base, buildListCredential(base, c.place, withBit(emptyBitstring(), c.index, true), new Date()));
      const [header, , signature] = signed.jws.split('.');
      const altered = Buffer.from(JSON.stringify(buildListCredential(base, c.place, emptyBitstring(), new Date()))).toString('base64url');
      await c.serve(`${header}.${altered}.${signature}`);
      await expectUnknown(c.certificate.number, /^the status list http:\/\/registry\.test\/status\/.*\/suspension\/0 does not verify: its signature is wrong$/);
      const listed = await listedStatus(c.ctx, c.certificate, new Date());
      assert.equal(listed.status, 'unknown');
    });

    it('a list signed by another authority: it is not the issuer\'s', async () => {
      const c = await freshCase();
      const other = await freshCase();
      const signed = await signListCredential(c.ctx.vault, other.key, base, buildListCredential(base, c.place, emptyBitstring(), new Date()));
      await c.serve(signed.jws);
      await expectUnknown(c.certificate.number, new RegExp(`is signed by did:web:registry\\.test:authorities:${other.org}, not by the certificate's issuer did:web:registry\\.test:authorities:${c.org}$`));
    });

    it('a list past its validUntil: it is stale', async () => {
      const c = await freshCase();
      const signed = await signListCredential(c.ctx.vault, c.key, base, buildListCredential(base, c.place, emptyBitstring(), new Date(Date.now() - listValidityMs - 60_000)));
      await c.serve(signed.jws);
      await expectUnknown(c.certificate.number, /suspension\/0 is stale: it was valid until /);
    });

    it('a genuine list that disagrees with the recorded status: the disagreement is named', async () => {
      const c = await freshCase();
      const bits = withBit(emptyBitstring(), c.index, true);
      await c.serve((await signListCredential(c.ctx.vault, c.key, base, buildListCredential(base, c.place, bits, new Date()))).jws, bits);
      await expectUnknown(c.certificate.number, /^the status lists say suspended, but the registry recorded valid$/);
    });

    it('a certificate whose credential has no status list entry (issued before status lists): its recorded status stands', async () => {
      const c = await freshCase();
      const credential = { ...payloadOf(c.certificate.jws), credentialStatus: undefined, suspensionStatus: undefined };
      const legacy = { ...c.certificate, jws: `e30.${Buffer.from(JSON.stringify(credential)).toString('base64url')}.c2ln` };
      assert.deepEqual(await listedStatus(c.ctx, legacy, new Date()), { status: 'valid', problem: null });
    });
  });
});
