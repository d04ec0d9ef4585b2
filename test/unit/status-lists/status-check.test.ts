import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type { BitstringStatusListEntry } from '../../../server/domain/credentials/credential.ts';
import type { DidDocument } from '../../../server/domain/identities/did-documents.ts';
import { authorityDid } from '../../../server/domain/identities/did-web.ts';
import { didDocumentResolver } from '../../../server/domain/identities/key-resolution.ts';
import { emptyBitstring, encodeList, withBit } from '../../../server/domain/status-lists/bitstring.ts';
import { buildListCredential, listValidityMs } from '../../../server/domain/status-lists/list-credential.ts';
import { statusEntryOf } from '../../../server/domain/status-lists/status-entries.ts';
import { statusEntriesOf, statusFromList } from '../../../server/domain/status-lists/status-check.ts';

const base = 'https://registry.example';
const irOrg = '11111111-1111-4111-8111-111111111111';
const ruOrg = '22222222-2222-4222-8222-222222222222';
const irDid = authorityDid(base, irOrg);
const ruDid = authorityDid(base, ruOrg);
const signedAt = new Date('2026-03-01T10:00:00.000Z');
const now = new Date('2026-03-02T10:00:00.000Z');

interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  method: DidDocument['verificationMethod'][number];
}

async function keyOf(did: string, revoked?: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = `${did}#${await calculateJwkThumbprint(jwk)}`;
  return { kid, privateKey, method: { id: kid, type: 'JsonWebKey', controller: did, publicKeyJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, ...(revoked ? { revoked } : {}) } };
}

function documentOf(did: string, keys: TestKey[]): DidDocument {
  return { '@context': ['https://www.w3.org/ns/did/v1'], id: did, verificationMethod: keys.map((key) => key.method), assertionMethod: keys.map((key) => key.kid) };
}

async function sign(payload: unknown, key: TestKey, header: Record<string, string> = {}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: key.kid, ...header }).sign(key.privateKey);
}

describe('statusFromList: what a signed status list says of one entry', () => {
  let ir: TestKey;
  let ru: TestKey;
  let retired: TestKey;
  let resolve: ReturnType<typeof didDocumentResolver>;
  const entry = statusEntryOf(base, irOrg, 'revocation', 94_567);
  const place = { orgId: irOrg, purpose: 'revocation' as const, page: 0 };
  const setBits = withBit(emptyBitstring(), 94_567, true);

  before(async () => {
    ir = await keyOf(irDid);
    ru = await keyOf(ruDid);
    retired = await keyOf(irDid, '2026-02-01T00:00:00.000Z');
    resolve = didDocumentResolver([documentOf(irDid, [ir, retired]), documentOf(ruDid, [ru])]);
  });

  it('when the issuer signs a list with the entry\'s bit set or clear, then the bit is read', async () => {
    assert.deepEqual(await statusFromList(entry, await sign(buildListCredential(base, place, setBits, signedAt), ir), resolve, now, irDid), { set: true });
    assert.deepEqual(await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), signedAt), ir), resolve, now, irDid), { set: false });
    const neighbour = statusEntryOf(base, irOrg, 'revocation', 94_566);
    assert.deepEqual(await statusFromList(neighbour, await sign(buildListCredential(base, place, setBits, signedAt), ir), resolve, now, irDid), { set: false });
  });

  it('when the index is a base-10 string (the W3C form), then it is read the same', async () => {
    const stringEntry = { ...entry, statusListIndex: '94567' } as unknown as BitstringStatusListEntry;
    assert.deepEqual(await statusFromList(stringEntry, await sign(buildListCredential(base, place, setBits, signedAt), ir), resolve, now, irDid), { set: true });
  });

  it('when the signed list is altered (a bit cleared), then it does not verify', async () => {
    const jws = await sign(buildListCredential(base, place, setBits, signedAt), ir);
    const [header, , signature] = jws.split('.');
    const altered = { ...buildListCredential(base, place, emptyBitstring(), signedAt) };
    const tampered = `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
    const result = await statusFromList(entry, tampered, resolve, now, irDid);
    assert.ok('problem' in result);
    assert.match(result.problem, /^the status list https:\/\/registry\.example\/status\/1{8}-.*\/revocation\/0 does not verify: its signature is wrong$/);
  });

  it('when another authority signs a list for the issuer\'s URL, then it is refused as not the issuer\'s', async () => {
    const result = await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), signedAt), ru), resolve, now, irDid);
    assert.deepEqual(result, { problem: `the status list ${entry.statusListCredential} is signed by ${ruDid}, not by the certificate's issuer ${irDid}` });
    // The other authority's key presented under the issuer's DID: the issuer's DID document does not list it.
    const posing = await sign(buildListCredential(base, place, emptyBitstring(), signedAt), { ...ru, kid: `${irDid}#${ru.kid.split('#')[1]}` });
    const refused = await statusFromList(entry, posing, resolve, now, irDid);
    assert.ok('problem' in refused);
    assert.match(refused.problem, /does not verify: the DID document of .* lists no assertion key/);
  });

  it('when the list is past its validUntil, then it is stale', async () => {
    const old = new Date(now.getTime() - listValidityMs - 1000);
    const result = await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), old), ir), resolve, now, irDid);
    assert.ok('problem' in result);
    assert.match(result.problem, /^the status list .* is stale: it was valid until 2026-03-02T09:59:59\.000Z$/);
    const unbounded = { ...buildListCredential(base, place, emptyBitstring(), signedAt), validUntil: undefined };
    const noEnd = await statusFromList(entry, await sign(unbounded, ir), resolve, now, irDid);
    assert.deepEqual(noEnd, { problem: `the status list ${entry.statusListCredential} is stale: it states no validUntil` });
  });

  it('when the list is for another purpose, another URL or not a status list, then it says which', async () => {
    const suspension = buildListCredential(base, { ...place, purpose: 'suspension' }, emptyBitstring(), signedAt);
    const forOtherPurpose = { ...suspension, id: entry.statusListCredential };
    assert.deepEqual(await statusFromList(entry, await sign(forOtherPurpose, ir), resolve, now, irDid),
      { problem: `the status list ${entry.statusListCredential} is for suspension, not revocation` });
    assert.deepEqual(await statusFromList(entry, await sign(suspension, ir), resolve, now, irDid),
      { problem: `the status list served at ${entry.statusListCredential} is another list (${suspension.id})` });
    const notAList = { ...buildListCredential(base, place, emptyBitstring(), signedAt), type: ['VerifiableCredential'] };
    assert.deepEqual(await statusFromList(entry, await sign(notAList, ir), resolve, now, irDid),
      { problem: `the status list ${entry.statusListCredential} is not a BitstringStatusListCredential` });
  });

  it('when the bitstring is short, not GZIP, or the index beyond it, then it says so', async () => {
    const credential = buildListCredential(base, place, emptyBitstring(), signedAt);
    const short = { ...credential, credentialSubject: { ...credential.credentialSubject, encodedList: encodeList(new Uint8Array(1024)) } };
    assert.deepEqual(await statusFromList(entry, await sign(short, ir), resolve, now, irDid),
      { problem: `the status list ${entry.statusListCredential} has 8192 entries, fewer than the 131,072 a list must have` });
    const garbled = { ...credential, credentialSubject: { ...credential.credentialSubject, encodedList: 'unot-gzip' } };
    assert.deepEqual(await statusFromList(entry, await sign(garbled, ir), resolve, now, irDid),
      { problem: `the status list ${entry.statusListCredential} has an encodedList that is not multibase base64url GZIP data` });
    const beyond = { ...entry, statusListIndex: 131_072 };
    assert.deepEqual(await statusFromList(beyond, await sign(credential, ir), resolve, now, irDid),
      { problem: `index 131072 is outside the status list ${entry.statusListCredential} (131072 entries)` });
  });

  it('when the signing key was retired before the list\'s validFrom, or is unknown, or the JWS is not a credential, then it does not verify', async () => {
    const byRetired = await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), signedAt), retired), resolve, now, irDid);
    assert.ok('problem' in byRetired);
    assert.match(byRetired.problem, /does not verify: it was signed with .*, retired on 2026-02-01T00:00:00\.000Z/);
    const stranger = await keyOf(irDid);
    const unknown = await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), signedAt), stranger), resolve, now, irDid);
    assert.ok('problem' in unknown);
    assert.match(unknown.problem, /does not verify: the DID document of did:web:registry\.example:authorities:1{8}-.* lists no assertion key/);
    assert.deepEqual(await statusFromList(entry, 'not a jws', resolve, now, irDid), { problem: `the status list ${entry.statusListCredential} is not a signed credential` });
    const wrongType = await statusFromList(entry, await sign(buildListCredential(base, place, emptyBitstring(), signedAt), ir, { typ: 'JWT' }), resolve, now, irDid);
    assert.ok('problem' in wrongType);
    assert.match(wrongType.problem, /does not verify: it is not an EdDSA vc\+jwt credential \(alg EdDSA, typ JWT\)/);
  });

  it('when a credential carries entries, then both its revocation and suspension entries are read; other status types are not', () => {
    const revocation = statusEntryOf(base, irOrg, 'revocation', 5);
    const suspension = statusEntryOf(base, irOrg, 'suspension', 5);
    assert.deepEqual(statusEntriesOf({ credentialStatus: revocation, suspensionStatus: suspension }), [revocation, suspension]);
    assert.deepEqual(statusEntriesOf({ credentialStatus: [revocation, { ...suspension, statusListIndex: '5' }] }), [revocation, suspension]);
    assert.deepEqual(statusEntriesOf({ credentialStatus: { type: 'IrruTransparencyLogStatus', id: 'x' } }), []);
    assert.deepEqual(statusEntriesOf({ credentialStatus: { ...revocation, statusListIndex: -1 } }), []);
    assert.deepEqual(statusEntriesOf(null), []);
  });
});
