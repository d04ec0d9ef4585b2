import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCertificatesContext, type CertificatesContext } from '../../../server/domain/certificates/context.ts';
import { fileKeyVault, keysDirOf, type KeyVault } from '../../../server/domain/credentials/key-vault.ts';
import { activeAuthorityKey } from '../../../server/domain/credentials/signing-keys.ts';
import { verifyCheckpoint } from '../../../server/domain/ledger/checkpoint.ts';
import { checkpointAt, checkpointKeys, currentCheckpoint, logVerifier } from '../../../server/domain/ledger/checkpoints.ts';
import { appendLogEntry } from '../../../server/domain/ledger/transparency-log.ts';
import { cosignatureTimestamp, parseNote, verifierFromKey, verifyNote } from '../../../server/domain/ledger/signed-note.ts';
import { witnessVerifier } from '../../../server/domain/ledger/witness-keys.ts';
import { logKeysFromDidDocuments, logKeysFromJwks, verifyCheckpointOffline } from '../../../server/domain/ledger/offline-checkpoint.ts';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';
import type { Store, WitnessKeyRecord } from '../../../server/store/port.ts';
import { c2spKeyId, c2spParseVkey, c2spVerifyCheckpoint } from '../../helpers/c2sp-verifier.ts';
import { rfcRoot } from '../../helpers/rfc9162-verifier.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

// The worked examples of the specifications themselves (C2SP/C2SP signed-note.md and tlog-cosignature.md).
const specVkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const specNote = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const specCosignatureLine = 'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';

const origin = 'registry.test/api/v1/log';
const entry = (i: number) => ({ type: 'certificate.issued' as const, number: `IRRU-IR-2026-${String(i + 1).padStart(6, '0')}-0`, credentialHash: 'ab'.repeat(32), status: 'valid' as const, at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() });

/** The raw Ed25519 public key of a private JWK file in the vault. */
const rawPublicOf = (vault: KeyVault, kid: string) => Buffer.from(String(vault.read(kid).x), 'base64url');
const privateOf = (vault: KeyVault, kid: string): KeyObject => {
  const { kty, crv, x, d } = vault.read(kid) as Record<string, string>;
  return createPrivateKey({ key: { kty, crv, x, d }, format: 'jwk' });
};
const vkeyOf = (name: string, type: number, key: Buffer) => `${name}+${c2spKeyId(name, type, key)}+${Buffer.concat([Buffer.from([type]), key]).toString('base64')}`;

/** Replaces the signature line of `name` with `line` (or drops it when line is null). */
function withLine(note: string, name: string, line: string | null): string {
  return note.split('\n').flatMap((l) => (l.startsWith(`\u2014 ${name} `) ? (line === null ? [] : [line]) : [l])).join('\n');
}

describe('C2SP checkpoints: signed notes, the log signature and the witnesses\' cosignatures', () => {
  const dir = tempDir();
  let store: Store;
  let vault: KeyVault;
  let ctx: CertificatesContext;
  let clock = new Date('2026-03-01T10:00:00.000Z');
  let trust: { origin: string; log: string; witnesses: string[] };
  let witnesses: WitnessKeyRecord[];

  const append = (from: number, to: number) => store.transaction(async (tx) => {
    for (let i = from; i < to; i += 1) await appendLogEntry(tx, entry(i));
  });

  before(async () => {
    store = openSqliteStore(join(dir.path, 'data'));
    vault = fileKeyVault(keysDirOf(join(dir.path, 'data')));
    ctx = createCertificatesContext({ store, vault, publicBaseUrl: 'http://registry.test', now: () => clock });
    await append(0, 5);
    await currentCheckpoint(ctx);
    witnesses = await store.witnessKeys.list();
    const logKey = (await store.signingKeys.active('log', null))!;
    // The trust an outside verifier is configured with, built here from the raw public keys in the vault, not from the registry's vkeys.
    trust = {
      origin,
      log: vkeyOf(origin, 0x01, rawPublicOf(vault, logKey.kid)),
      witnesses: witnesses.map((witness) => vkeyOf(witness.name, 0x04, rawPublicOf(vault, witness.kid))),
    };
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('when the specification\'s own example note and vkey are read, then both verifiers accept them and a changed text is refused', () => {
    assert.equal(c2spParseVkey(specVkey).id, '530d903a');
    const verifier = verifierFromKey(specVkey);
    assert.ok(verifier.ok);
    const verified = verifyNote(specNote, [verifier.value]);
    assert.ok(verified.ok);
    assert.equal(verified.value.text, 'This is an example message.\n');
    const tampered = verifyNote(specNote.replace('example message', 'example massage'), [verifier.value]);
    assert.deepEqual(tampered.ok ? null : tampered.code, 'bad_signature');
    // tlog-cosignature's example: the cosignature starts with key ID 8d66cf3f, then the timestamp of its "time 1679315147" line.
    const bytes = Buffer.from(specCosignatureLine, 'base64');
    assert.equal(bytes.subarray(0, 4).toString('hex'), '8d66cf3f');
    assert.equal(cosignatureTimestamp(bytes.subarray(4)), 1679315147n);
  });

  it('when the log checkpoints its tree, then the independent verifier accepts the log signature and both witnesses\' cosignatures, with their key IDs and time', async () => {
    const checkpoint = await currentCheckpoint(ctx);
    const leaves = await store.transparencyLog.leafHashes(5);
    const verified = c2spVerifyCheckpoint(checkpoint.note, trust);
    assert.deepEqual({ origin: verified.origin, size: verified.size, root: verified.root }, { origin, size: 5, root: rfcRoot(leaves) });
    assert.deepEqual(verified.signedBy, [origin, `${origin}/witness/ir`, `${origin}/witness/ru`]);
    assert.deepEqual(verified.cosignedAt, { [`${origin}/witness/ir`]: clock.getTime() / 1000, [`${origin}/witness/ru`]: clock.getTime() / 1000 });
    // Each signature line starts with the key ID the specification derives from the line's name and the public key.
    const parsed = parseNote(checkpoint.note);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.signatures.map((s) => s.keyId.toString('hex')), [trust.log, ...trust.witnesses].map((vkey) => vkey.split('+')[1]));
    assert.equal(checkpoint.note.split('\n').slice(0, 4).join('\n'), `${origin}\n5\n${Buffer.from(rfcRoot(leaves), 'hex').toString('base64')}\n`);
    // Stored: one row for size 5 holding exactly the served note.
    assert.deepEqual(await store.checkpoints.get(5), { treeSize: 5, rootHash: rfcRoot(leaves), note: checkpoint.note, createdAt: clock.toISOString() });
  });

  it('when the registry publishes its verifier keys, then they are the keys the verifier was configured with, and the witness keys are no credential or log keys', async () => {
    const published = await checkpointKeys(ctx);
    assert.equal(published.origin, origin);
    assert.deepEqual(published.keys.map((key) => key.vkey), [trust.log, ...trust.witnesses]);
    assert.deepEqual(published.keys.map((key) => `${key.role}:${key.jurisdiction}:${key.signatureType}`), ['log:null:1', 'witness:IR:4', 'witness:RU:4']);
    const signingKeys = (await store.signingKeys.list()).map((key) => key.publicJwk.x);
    for (const witness of witnesses) {
      assert.equal(signingKeys.includes(Buffer.from(witness.publicKey, 'base64').toString('base64url')), false);
      assert.equal(statSync(join(keysDirOf(join(dir.path, 'data')), `${witness.kid}.private.jwk`)).mode & 0o777, 0o600);
    }
  });

  it('when the tree is unchanged, then the stored checkpoint is served again; when it grows, a new one is stored and the old one stays', async () => {
    const first = await currentCheckpoint(ctx);
    clock = new Date('2026-03-01T11:00:00.000Z');
    assert.equal((await currentCheckpoint(ctx)).note, first.note);
    await append(5, 9);
    const second = await currentCheckpoint(ctx);
    assert.equal(second.treeSize, 9);
    assert.equal(c2spVerifyCheckpoint(second.note, trust).cosignedAt[`${origin}/witness/ru`], clock.getTime() / 1000);
    assert.equal((await checkpointAt(ctx, 5)).note, first.note);
    assert.equal((await store.checkpoints.latest())?.treeSize, 9);
    await assert.rejects(checkpointAt(ctx, 7), { code: 'not_found' });
  });

  it('when a checkpoint names another origin, then the independent verifier and the registry\'s own verifier refuse it', async () => {
    const elsewhere = createCertificatesContext({ store, vault, publicBaseUrl: 'https://elsewhere.example', now: () => clock });
    await append(9, 10);
    const foreign = await currentCheckpoint(elsewhere);
    assert.match(foreign.note, /^elsewhere\.example\/api\/v1\/log\n10\n/);
    assert.throws(() => c2spVerifyCheckpoint(foreign.note, trust), /origin "elsewhere\.example\/api\/v1\/log" is not|the log did not sign/);
    const logKey = (await store.signingKeys.active('log', null))!;
    const own = verifyCheckpoint(foreign.note, { origin, log: logVerifier(logKey, origin) });
    assert.equal(own.ok ? 'accepted' : own.failure, 'not_signed_by_log');
    // Even trusting the other name for the same key, the origin the verifier expects decides.
    const renamed = verifyCheckpoint(foreign.note, { origin, log: logVerifier(logKey, 'elsewhere.example/api/v1/log') });
    assert.equal(renamed.ok ? 'accepted' : renamed.failure, 'wrong_origin');
  });

  it('when the size or the root of a signed checkpoint is changed, then the signatures no longer verify and the note is refused', async () => {
    const { note } = await checkpointAt(ctx, 9);
    const [line0, size, root, ...rest] = note.split('\n');
    const biggerSize = [line0, '10', root, ...rest].join('\n');
    const otherRoot = [line0, size, Buffer.alloc(32, 7).toString('base64'), ...rest].join('\n');
    for (const tampered of [biggerSize, otherRoot]) {
      assert.throws(() => c2spVerifyCheckpoint(tampered, trust), /does not verify/);
      const logKey = (await store.signingKeys.active('log', null))!;
      const own = verifyCheckpoint(tampered, { log: logVerifier(logKey, origin), witnesses: witnesses.map(witnessVerifier) });
      assert.equal(own.ok ? 'accepted' : own.failure, 'bad_signature');
    }
  });

  it('when a note is signed by an unknown key under the log\'s name, then its signature is ignored and the note is refused as unsigned', async () => {
    const { note } = await checkpointAt(ctx, 9);
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1).replace('\n9\n', '\n99\n');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const strangerKeyId = c2spKeyId(origin, 0x01, Buffer.from(String(stranger.export({ format: 'jwk' }).x), 'base64url'));
    const forged = `${text}\n\u2014 ${origin} ${Buffer.concat([Buffer.from(strangerKeyId, 'hex'), sign(null, Buffer.from(text), stranger)]).toString('base64')}\n`;
    assert.throws(() => c2spVerifyCheckpoint(forged, trust), /the log did not sign/);
    const logKey = (await store.signingKeys.active('log', null))!;
    const own = verifyCheckpoint(forged, { log: logVerifier(logKey, origin) });
    assert.equal(own.ok ? 'accepted' : own.failure, 'not_signed_by_log');
    // An unknown key's extra line on a genuine note is ignored: the note still verifies.
    const extra = `${note}\u2014 ${origin} ${Buffer.concat([Buffer.from(strangerKeyId, 'hex'), sign(null, Buffer.from(text), stranger)]).toString('base64')}\n`;
    assert.equal(c2spVerifyCheckpoint(extra, trust).size, 9);
  });

  it('when a credential key poses as the IR witness, then its cosignature is not the witness\'s and the checkpoint is refused', async () => {
    const authority = { id: randomUUID(), name: `Authority ${randomUUID()}`, kind: 'authority' as const, jurisdiction: 'IR' as const, createdAt: clock.toISOString() };
    const credentialKey = await store.transaction(async (tx) => {
      await tx.organisations.insert(authority);
      return activeAuthorityKey(tx, vault, authority, clock.toISOString());
    });
    const { note } = await checkpointAt(ctx, 9);
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const irName = `${origin}/witness/ir`;
    const time = BigInt(clock.getTime() / 1000);
    const stamp = Buffer.alloc(8);
    stamp.writeBigUInt64BE(time);
    const poserSignature = sign(null, Buffer.from(`cosignature/v1\ntime ${time}\n${text}`), privateOf(vault, credentialKey.kid));
    const poserKeyId = Buffer.from(c2spKeyId(irName, 0x04, rawPublicOf(vault, credentialKey.kid)), 'hex');
    const realKeyId = Buffer.from(trust.witnesses[0]!.split('+')[1]!, 'hex');
    const logKey = (await store.signingKeys.active('log', null))!;
    const ownTrust = { log: logVerifier(logKey, origin), witnesses: witnesses.map(witnessVerifier) };
    // With its own key ID the line is an unknown key's: ignored, so the IR witness is missing.
    const ownId = withLine(note, irName, `\u2014 ${irName} ${Buffer.concat([poserKeyId, stamp, poserSignature]).toString('base64')}`);
    assert.throws(() => c2spVerifyCheckpoint(ownId, trust), /the witness registry\.test\/api\/v1\/log\/witness\/ir did not cosign/);
    const ownResult = verifyCheckpoint(ownId, ownTrust);
    assert.equal(ownResult.ok ? 'accepted' : ownResult.failure, 'witness_missing');
    // Claiming the witness's key ID, the signature fails under the witness key: the whole note is refused.
    const copiedId = withLine(note, irName, `\u2014 ${irName} ${Buffer.concat([realKeyId, stamp, poserSignature]).toString('base64')}`);
    assert.throws(() => c2spVerifyCheckpoint(copiedId, trust), /the cosignature of registry\.test\/api\/v1\/log\/witness\/ir does not verify/);
    const copiedResult = verifyCheckpoint(copiedId, ownTrust);
    assert.equal(copiedResult.ok ? 'accepted' : copiedResult.failure, 'bad_signature');
    // And a checkpoint without the RU witness's line is refused by both.
    assert.throws(() => c2spVerifyCheckpoint(withLine(note, `${origin}/witness/ru`, null), trust), /witness\/ru did not cosign/);
  });

  it('when a border post checks a presented checkpoint offline, then the log key from its DID document or JWK Set verifies it under the DID\'s origin, and altered fields or another log are refused', async () => {
    const logKey = (await store.signingKeys.active('log', null))!;
    const checkpoint = await checkpointAt(ctx, 9);
    const didDocument = { id: 'did:web:registry.test:log', verificationMethod: [{ publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: logKey.publicJwk.x } }] };
    const fromDid = logKeysFromDidDocuments([didDocument]);
    const fromJwks = logKeysFromJwks({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: logKey.publicJwk.x, kid: `did:web:registry.test:log#${logKey.kid}` }] });
    assert.deepEqual(fromDid, fromJwks);
    assert.deepEqual(verifyCheckpointOffline(checkpoint, fromDid), { result: 'valid', reason: null });
    assert.deepEqual(verifyCheckpointOffline(checkpoint, fromDid, trust.witnesses), { result: 'valid', reason: null });
    // The readable fields are not trusted: they must be the signed ones.
    assert.equal(verifyCheckpointOffline({ ...checkpoint, treeSize: 8 }, fromDid).result, 'invalid');
    assert.equal(verifyCheckpointOffline({ ...checkpoint, rootHash: 'ab'.repeat(32) }, fromDid).result, 'invalid');
    // The same key under another host's log DID: the note's origin is not that log's.
    const otherLog = logKeysFromDidDocuments([{ ...didDocument, id: 'did:web:elsewhere.example:log' }]);
    assert.deepEqual(verifyCheckpointOffline(checkpoint, otherLog), { result: 'invalid', reason: 'the checkpoint is of the log "registry.test/api/v1/log", not "elsewhere.example/api/v1/log"' });
    // What the same key signed under another origin is another log's checkpoint.
    const foreign = await checkpointAt(ctx, 10);
    assert.equal(verifyCheckpointOffline(foreign, fromDid).result, 'invalid');
    // An authority's DID is no log DID; no log key at all is unverifiable, never valid.
    assert.deepEqual(logKeysFromDidDocuments([{ ...didDocument, id: 'did:web:registry.test:authorities:x' }]), []);
    assert.equal(verifyCheckpointOffline(checkpoint, []).result, 'unverifiable');
    assert.equal(verifyCheckpointOffline({ ...checkpoint, note: 'garbage' }, fromDid).result, 'invalid');
  });

  it('when malformed notes and vkeys are read, then each is refused with a reason and nothing throws', () => {
    const logKeyLine = trust.log;
    for (const bad of ['', 'no newline', 'text\n', 'text\n\n', 'text\n\nnot a signature line\n', 'text\n\n\u2014 name !!!!\n', 'a\u0000b\n\n\u2014 n AAAAAAA=\n', `text\n\n\u2014 ${'x'.repeat(70_000)} AAAAAAA=\n`]) {
      const parsed = parseNote(bad);
      assert.equal(parsed.ok, false, JSON.stringify(bad).slice(0, 40));
    }
    for (const bad of ['', 'a+b', `${logKeyLine}+extra`, logKeyLine.replace(/\+[0-9a-f]{8}\+/, '+00000000+'), 'name+00000000+Ag==', 'name with space+00000000+AQ==']) {
      const parsed = verifierFromKey(bad);
      assert.equal(parsed.ok, false, bad);
    }
    const vkey = verifierFromKey(logKeyLine);
    assert.ok(vkey.ok);
    // Standard base64 may hold "+": only the first two separate a vkey's parts (a witness key seen in a test run).
    const plusInKey = 'registry.test/api/v1/log/witness/ir+58227f8c+BA3nDqrQGFoVuHmumG6sB3klfaXvl+pFelpx3wNeYAhr';
    assert.equal(c2spParseVkey(plusInKey).type, 0x04);
    const parsedPlus = verifierFromKey(plusInKey);
    assert.deepEqual(parsedPlus.ok && [parsedPlus.value.type, parsedPlus.value.keyId.toString('hex')], [0x04, '58227f8c']);
    const notCheckpoint = verifyCheckpoint('hello\n\n\u2014 x AAAAAAA=\n', { log: vkey.value });
    assert.equal(notCheckpoint.ok ? 'accepted' : notCheckpoint.failure, 'not_signed_by_log');
  });
});
