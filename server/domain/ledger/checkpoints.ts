/**
 * The log's stored checkpoints (C2SP tlog-checkpoint notes, see checkpoint.ts) and the keys that verify them.
 *
 * When a checkpoint is made: lazily, the first time someone asks for the log's state (GET
 * /api/v1/log/checkpoint, a certificate with its inclusion proof) after the tree grew; then stored, one per
 * tree size, and served as stored from then on. Not after each append, because
 *  - issuance and status changes (the append path) then never depend on the note keys' files being readable;
 *  - a burst of appends gets one signature for the size anyone looked at, not one per leaf;
 *  - the log never signs two different notes for one size: the size is the stored checkpoint's key, so a
 *    repeated or concurrent request finds the stored one (tlog-checkpoint §Signatures forbids inconsistent
 *    checkpoints; one note per size keeps the record plain).
 * Every stored checkpoint stays retrievable, so any two can be proven consistent with
 * GET /api/v1/log/proof/consistency?from=&to=.
 */
import { createPrivateKey } from 'node:crypto';
import type { CheckpointRecord, SigningKeyRecord, StoreTransaction, WitnessKeyRecord } from '../../store/port.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { activeLogKey } from '../credentials/signing-keys.ts';
import type { KeyVault } from '../credentials/key-vault.ts';
import { DomainError } from '../errors.ts';
import { checkpointFromNote, formatCheckpoint, logOrigin, type SignedCheckpoint } from './checkpoint.ts';
import { fromHex, toHex } from './log-entry.ts';
import { verifyConsistency } from './merkle.ts';
import { consistencyProof, rootAt } from './transparency-log.ts';
import { addSignatures, ed25519Signer, ed25519Verifier, encodeVerifierKey, keyIdOf, signatureTypes, signNote, verifyNote, type NoteVerifier } from './signed-note.ts';
import { ensureWitnessKeys, witnessJurisdictions, witnessSigner, witnessVerifierKey } from './witness-keys.ts';

export { logOrigin } from './checkpoint.ts';

type LedgerContext = Pick<CertificatesContext, 'store' | 'vault' | 'publicBaseUrl' | 'now'>;

/** The raw Ed25519 public key of a stored signing key. */
function rawPublicKey(key: Pick<SigningKeyRecord, 'publicJwk'>): Buffer {
  return Buffer.from(String(key.publicJwk.x), 'base64url');
}

/** The log key's note verifier: its key name is the origin (tlog-checkpoint §Signatures). */
export function logVerifier(key: Pick<SigningKeyRecord, 'publicJwk'>, origin: string): NoteVerifier {
  return ed25519Verifier(origin, rawPublicKey(key));
}

function logSigner(vault: KeyVault, key: SigningKeyRecord, origin: string) {
  const { kty, crv, x, d } = vault.read(key.kid) as Record<string, string>;
  return ed25519Signer(origin, createPrivateKey({ key: { kty, crv, x, d }, format: 'jwk' }));
}

/** A stored checkpoint as the API shows it. */
export function presentCheckpoint(record: CheckpointRecord): SignedCheckpoint {
  const presented = checkpointFromNote(record.note, record.createdAt);
  if (!presented) throw new DomainError('invalid_state', `the stored checkpoint of size ${record.treeSize} is not a checkpoint note`);
  return presented;
}

/**
 * What each witness checks before cosigning (the cosignature/v1 statement, tlog-cosignature §"Ed25519 signed
 * message": this is the largest consistent tree it has observed): the log key signed the note, and the new
 * tree is consistent with the last checkpoint, whose root was stored when it was signed.
 */
async function assertWitnessable(note: string, log: NoteVerifier, previous: CheckpointRecord | null, tx: StoreTransaction, size: number, root: Uint8Array): Promise<void> {
  if (!verifyNote(note, [log]).ok) throw new DomainError('invalid_state', 'the witnesses refuse a checkpoint the log key did not sign');
  if (!previous || previous.treeSize === 0) return;
  const consistent = previous.treeSize <= size
    && verifyConsistency(previous.treeSize, size, fromHex(previous.rootHash), root, (await consistencyProof(tx.transparencyLog, previous.treeSize, size)).path.map(fromHex));
  if (!consistent) throw new DomainError('invalid_state', `the log is not consistent with its checkpoint of size ${previous.treeSize}: the witnesses refuse to cosign`);
}

/** Signs, cosigns and stores the checkpoint of the current tree inside the transaction; the stored one when it exists. */
async function checkpointCurrentTree(tx: StoreTransaction, ctx: LedgerContext): Promise<CheckpointRecord> {
  const size = await tx.transparencyLog.size();
  const previous = await tx.checkpoints.latest();
  if (previous && previous.treeSize === size) return previous;
  const now = ctx.now();
  const origin = logOrigin(ctx.publicBaseUrl);
  const logKey = await activeLogKey(tx, ctx.vault, now.toISOString());
  const { keys: witnesses } = await ensureWitnessKeys(tx, ctx.vault, origin, now.toISOString());
  const root = fromHex(await rootAt(tx.transparencyLog, size));
  const signed = signNote(formatCheckpoint({ origin, treeSize: size, rootHash: root }), [logSigner(ctx.vault, logKey, origin)]);
  await assertWitnessable(signed, logVerifier(logKey, origin), previous, tx, size, root);
  const note = addSignatures(signed, witnesses.map((witness) => witnessSigner(ctx.vault, witness, () => now)));
  const record: CheckpointRecord = { treeSize: size, rootHash: toHex(root), note, createdAt: now.toISOString() };
  await tx.checkpoints.insert(record);
  return record;
}

/** The checkpoint of the log as it is now: the stored one, or a new one signed and stored when the tree grew. */
export async function currentCheckpoint(ctx: LedgerContext): Promise<SignedCheckpoint> {
  const [stored, size] = await Promise.all([ctx.store.checkpoints.latest(), ctx.store.transparencyLog.size()]);
  if (stored && stored.treeSize === size) return presentCheckpoint(stored);
  try {
    return presentCheckpoint(await ctx.store.transaction((tx) => checkpointCurrentTree(tx, ctx)));
  } catch (error) {
    // MongoDB runs transactions side by side: a concurrent request stored this size first, so serve that one.
    const raced = error instanceof DomainError && error.code === 'conflict' ? await ctx.store.checkpoints.get(size) : null;
    if (raced) return presentCheckpoint(raced);
    throw error;
  }
}

/** The stored checkpoint of a tree size (the current size is checkpointed now when it was not yet); not_found otherwise. */
export async function checkpointAt(ctx: LedgerContext, treeSize: number): Promise<SignedCheckpoint> {
  const stored = await ctx.store.checkpoints.get(treeSize);
  if (stored) return presentCheckpoint(stored);
  const size = await ctx.store.transparencyLog.size();
  if (treeSize === size) return currentCheckpoint(ctx);
  throw new DomainError('not_found', `no checkpoint of tree size ${treeSize}: the log has ${size} leaves and signs a checkpoint for the sizes it is asked about`);
}

/** One note verifier key as GET /api/v1/log/keys.json describes it. */
export interface PublishedNoteKey {
  role: 'log' | 'witness';
  /** The key name in signature lines. */
  name: string;
  /** signed-note signature type: 1 (Ed25519 note signature) or 4 (cosignature/v1). */
  signatureType: number;
  /** The 32-bit key ID, hex. */
  keyId: string;
  /** The 32-byte Ed25519 public key, standard base64. */
  publicKey: string;
  /** The vkey (signed-note §"Verifier keys"). */
  vkey: string;
  jurisdiction: string | null;
  createdAt: string;
  retiredAt: string | null;
}

function publishedLogKey(key: SigningKeyRecord, origin: string): PublishedNoteKey {
  const publicKey = rawPublicKey(key);
  return {
    role: 'log', name: origin, signatureType: signatureTypes.ed25519, keyId: keyIdOf(origin, signatureTypes.ed25519, publicKey).toString('hex'),
    publicKey: publicKey.toString('base64'), vkey: encodeVerifierKey(origin, signatureTypes.ed25519, publicKey), jurisdiction: null, createdAt: key.createdAt, retiredAt: key.retiredAt,
  };
}

function publishedWitnessKey(key: WitnessKeyRecord): PublishedNoteKey {
  const publicKey = Buffer.from(key.publicKey, 'base64');
  return {
    role: 'witness', name: key.name, signatureType: signatureTypes.cosignatureV1, keyId: keyIdOf(key.name, signatureTypes.cosignatureV1, publicKey).toString('hex'),
    publicKey: key.publicKey, vkey: witnessVerifierKey(key), jurisdiction: key.jurisdiction, createdAt: key.createdAt, retiredAt: key.retiredAt,
  };
}

/**
 * The keys that verify the log's checkpoints: the log key (every one ever used, the active one first) and
 * every witness key, retired ones included. The log key and the witness keys are made here when missing
 * (as a first checkpoint would), so a verifier can be configured before the first certificate.
 */
export async function checkpointKeys(ctx: LedgerContext): Promise<{ origin: string; keys: PublishedNoteKey[] }> {
  const origin = logOrigin(ctx.publicBaseUrl);
  const [logKey, witnessKeys] = await Promise.all([ctx.store.signingKeys.active('log', null), ctx.store.witnessKeys.list()]);
  if (!logKey || !witnessJurisdictions.every((jurisdiction) => witnessKeys.some((key) => key.jurisdiction === jurisdiction && !key.retiredAt))) {
    await ctx.store.transaction(async (tx) => {
      const at = ctx.now().toISOString();
      await activeLogKey(tx, ctx.vault, at);
      await ensureWitnessKeys(tx, ctx.vault, origin, at);
    });
  }
  const logKeys = (await ctx.store.signingKeys.list()).filter((key) => key.purpose === 'log').sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
  const witnesses = (await ctx.store.witnessKeys.list()).map(publishedWitnessKey);
  return { origin, keys: [...logKeys.map((key) => publishedLogKey(key, origin)), ...witnesses] };
}
