/**
 * C2SP transparency log checkpoints (https://c2sp.org/tlog-checkpoint, read at C2SP/C2SP commit 5ba5ee8): a
 * signed note whose text is the origin line, the tree size and the base64 root hash; signed by the log's
 * Ed25519 key (name = origin) and cosigned per https://c2sp.org/tlog-cosignature by one witness per
 * jurisdiction. This module builds, parses and verifies them; checkpoints.ts stores and serves them.
 */
import { fromHex, toHex } from './log-entry.ts';
import { cosignatureTimestamp, strictBase64, verifyNote, type NoteVerifier } from './signed-note.ts';

/** The three mandatory lines of a checkpoint's note text. */
export interface CheckpointBody {
  origin: string;
  treeSize: number;
  /** The RFC 6962 root of the first treeSize leaves (32 bytes). */
  rootHash: Uint8Array;
}

/**
 * A checkpoint as the API shows it next to a certificate: the signed note, exactly as served by
 * GET /api/v1/log/checkpoints/{treeSize}, with its fields readable. Only `note` is signed: a verifier
 * parses the note and must find the same origin, size and root there.
 */
export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  /** The root hash in hex, like every hash of the proof endpoints (the note holds it in base64). */
  rootHash: string;
  /** When the registry first signed a checkpoint of this size. */
  createdAt: string;
  /** The C2SP signed note: log signature and witness cosignatures. */
  note: string;
}

/**
 * The log's origin line. tlog-checkpoint §"Note text" asks for a schema-less URL without spaces or "+", and
 * tlog-tiles §Parameters gives the convention followed here: "the scheme-less URL prefix of the log with no
 * trailing slashes". So https://registry.example/ gives `registry.example/api/v1/log`.
 */
export function logOrigin(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  // URL already percent-encodes spaces; a "+" in the base path is encoded too, as key names may not hold one.
  const path = url.pathname.replace(/\/+$/, '').replace(/\+/g, '%2B');
  return `${url.host}${path}/api/v1/log`;
}

/** tlog-checkpoint §"Note text": origin, decimal size without leading zeroes, standard base64 root; newline-terminated. */
export function formatCheckpoint(body: CheckpointBody): string {
  if (!Number.isSafeInteger(body.treeSize) || body.treeSize < 0 || body.rootHash.length !== 32) throw new TypeError('a checkpoint has a non-negative size and a 32-byte root');
  return `${body.origin}\n${body.treeSize}\n${Buffer.from(body.rootHash).toString('base64')}\n`;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Reads a checkpoint's note text (tlog-checkpoint §"Note text"): at least three non-empty lines; any further
 * lines are extension lines, which must be non-empty and are ignored here (the registry writes none).
 */
export function parseCheckpointText(text: string): Parsed<CheckpointBody> {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
  if (lines.length < 3 || lines.some((line) => line === '')) return { ok: false, reason: 'a checkpoint is at least three non-empty lines: origin, tree size, root hash' };
  const [origin, size, root] = lines as [string, string, string];
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return { ok: false, reason: 'the tree size is a decimal number without leading zeroes' };
  const rootHash = strictBase64(root);
  if (!rootHash || rootHash.length !== 32) return { ok: false, reason: 'the root hash is the base64 of 32 bytes' };
  return { ok: true, value: { origin, treeSize: Number(size), rootHash: new Uint8Array(rootHash) } };
}

/** What a verifier trusts: the log's origin and key, and the witnesses whose cosignatures it requires. */
export interface CheckpointTrust {
  /** The origin the checkpoint must name; when absent, the log key's name is the expected origin. */
  origin?: string;
  /** The log's Ed25519 (0x01) note key; its name is the origin. */
  log: NoteVerifier;
  /** Cosignature/v1 (0x04) witness keys; every one must have cosigned. */
  witnesses?: readonly NoteVerifier[];
  /** When given, cosignatures timestamped more than `maxClockSkewSeconds` after it are refused. */
  now?: Date;
}

/** Seconds a cosignature's timestamp may be ahead of the verifier's clock. */
export const maxClockSkewSeconds = 300;

export type CheckpointFailure = 'malformed' | 'wrong_origin' | 'not_signed_by_log' | 'bad_signature' | 'witness_missing' | 'timestamp_in_future';

export interface VerifiedCheckpoint extends CheckpointBody {
  /** Each required witness's cosignature time (POSIX seconds). */
  cosignatures: Array<{ name: string; timestamp: number }>;
}

export type CheckpointVerification = { ok: true; checkpoint: VerifiedCheckpoint } | { ok: false; failure: CheckpointFailure; reason: string };

/**
 * Verifies a checkpoint note: its text is a checkpoint of the expected origin (tlog-checkpoint), the log's
 * key signed it, and every required witness cosigned it (tlog-cosignature). Signatures by unknown keys are
 * ignored, as signed-note §Signatures requires; a known key whose signature fails rejects the note.
 */
export function verifyCheckpoint(note: string, trust: CheckpointTrust): CheckpointVerification {
  const witnesses = trust.witnesses ?? [];
  const verified = verifyNote(note, [trust.log, ...witnesses]);
  if (!verified.ok) {
    const failure = verified.code === 'no_known_signature' ? 'not_signed_by_log' : verified.code;
    return { ok: false, failure, reason: verified.reason };
  }
  const body = parseCheckpointText(verified.value.text);
  if (!body.ok) return { ok: false, failure: 'malformed', reason: body.reason };
  const origin = trust.origin ?? trust.log.name;
  if (body.value.origin !== origin) return { ok: false, failure: 'wrong_origin', reason: `the checkpoint is of the log "${body.value.origin}", not "${origin}"` };
  if (!verified.value.verified.some(({ verifier }) => verifier === trust.log)) return { ok: false, failure: 'not_signed_by_log', reason: 'the log key did not sign the checkpoint' };
  const cosignatures: VerifiedCheckpoint['cosignatures'] = [];
  for (const witness of witnesses) {
    const match = verified.value.verified.find(({ verifier }) => verifier === witness);
    if (!match) return { ok: false, failure: 'witness_missing', reason: `the witness ${witness.name} did not cosign the checkpoint` };
    const timestamp = Number(cosignatureTimestamp(match.signature.signature));
    if (trust.now && timestamp > trust.now.getTime() / 1000 + maxClockSkewSeconds) return { ok: false, failure: 'timestamp_in_future', reason: `the cosignature of ${witness.name} is dated in the future` };
    cosignatures.push({ name: witness.name, timestamp });
  }
  return { ok: true, checkpoint: { ...body.value, cosignatures } };
}

/** The readable fields of a note, unverified (a checkpoint file given to `registry verify`); null when it is no checkpoint. */
export function checkpointFromNote(note: string, createdAt = ''): SignedCheckpoint | null {
  const split = note.lastIndexOf('\n\n');
  const body = split > 0 ? parseCheckpointText(note.slice(0, split + 1)) : null;
  if (!body?.ok) return null;
  return { origin: body.value.origin, treeSize: body.value.treeSize, rootHash: toHex(body.value.rootHash), createdAt, note };
}

/** Whether the readable fields of a presented checkpoint are the ones its note signs. */
export function fieldsMatchNote(checkpoint: SignedCheckpoint, body: CheckpointBody): boolean {
  return checkpoint.origin === body.origin && checkpoint.treeSize === body.treeSize && /^[0-9a-f]{64}$/.test(checkpoint.rootHash)
    && Buffer.from(fromHex(checkpoint.rootHash)).equals(Buffer.from(body.rootHash));
}
