/**
 * C2SP signed notes (https://c2sp.org/signed-note, read at C2SP/C2SP commit 5ba5ee8): text signed by one or
 * more keys. Only the two signature types the registry uses are implemented ("implementations SHOULD select
 * only the one(s) required for their design"): 0x01 Ed25519 note signatures (the log's) and 0x04 timestamped
 * Ed25519 cosignatures (https://c2sp.org/tlog-cosignature, the witnesses'). Ed25519 is node:crypto's.
 * No key material is ever logged or put in an error message.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { isWellFormedText } from '../text/well-formed.ts';

/** signed-note §"Signature types": the identifier bytes of the types used here. */
export const signatureTypes = { ed25519: 0x01, cosignatureV1: 0x04 } as const;
export type SignatureType = (typeof signatureTypes)[keyof typeof signatureTypes];

/**
 * signed-note §Format: "Verifiers SHOULD apply a maximum limit to the number of signatures in a note (or,
 * equivalently, to the overall size of a note), but MUST accept at least up to 16 signatures."
 */
export const noteLimits = { maxSignatures: 32, maxBytes: 64 * 1024 } as const;

/** One signature line, decoded: `— <name> base64(keyId || signature)`. */
export interface NoteSignature {
  name: string;
  /** The 32-bit key ID, big-endian (4 bytes). */
  keyId: Buffer;
  /** The bytes after the key ID. */
  signature: Buffer;
}

/** A note split into its text (ending in a newline) and its signatures, not yet verified. */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Makes the signature bytes (without the key ID) over a note's text. */
export interface NoteSigner {
  name: string;
  keyId: Buffer;
  sign(text: Buffer): Buffer;
}

/** A trusted key: its name, key ID and type identify it; `verify` checks signature bytes over a note's text. */
export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  type: SignatureType;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  verify(text: Buffer, signature: Buffer): boolean;
}

/** Why a note was refused: it is not a well-formed note, a known key's signature fails, or no known key signed it. */
export type NoteFailureCode = 'malformed' | 'bad_signature' | 'no_known_signature';
export type NoteResult<T> = { ok: true; value: T } | { ok: false; code: NoteFailureCode; reason: string };

const malformed = (reason: string) => ({ ok: false, code: 'malformed', reason }) as const;

const emDashSpace = '\u2014 ';
// signed-note §Format: "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus (U+002B)".
// \s covers every Unicode space separator; control characters are refused for the whole note anyway.
const keyNamePattern = /^[^\s+\u0000-\u001f\u007f]+$/u;
// RFC 4648 §4, standard alphabet with padding (the encoding the C2SP notes use throughout).
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether a key name is allowed by signed-note §Format. */
export function isKeyName(name: string): boolean {
  return keyNamePattern.test(name);
}

/** Standard base64 (RFC 4648 §4) decoded strictly: null for anything that is not its canonical encoding. */
export function strictBase64(text: string): Buffer | null {
  if (!base64Pattern.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/**
 * signed-note §Signatures: "key ID = SHA-256(key name || 0x0A || signature type || public key)[:4]" — the
 * recommended derivation, which §"Ed25519 signatures" (type 0x01) follows and tlog-cosignature §Format makes
 * mandatory for Ed25519 cosignatures (type 0x04).
 */
export function keyIdOf(name: string, type: SignatureType, publicKey: Buffer): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([type]), publicKey])).digest().subarray(0, 4);
}

/** signed-note §"Verifier keys": `<name>+hex(key ID)+base64(signature type || public key)`. */
export function encodeVerifierKey(name: string, type: SignatureType, publicKey: Buffer): string {
  return `${name}+${keyIdOf(name, type, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

/** The raw 32-byte public key of an Ed25519 key object (RFC 8032 encoding). */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

function ed25519PublicKeyObject(publicKey: Buffer): KeyObject {
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
}

/** signed-note §"Ed25519 signatures": RFC 8032 Ed25519 over the note text, key ID with type 0x01. */
export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (!isKeyName(name)) throw new TypeError('not a valid note key name');
  return { name, keyId: keyIdOf(name, signatureTypes.ed25519, rawEd25519PublicKey(privateKey)), sign: (text) => sign(null, text, privateKey) };
}

/** The verifier of an Ed25519 (0x01) note key. */
export function ed25519Verifier(name: string, publicKey: Buffer): NoteVerifier {
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name, type: signatureTypes.ed25519, publicKey, keyId: keyIdOf(name, signatureTypes.ed25519, publicKey),
    verify: (text, signature) => signature.length === 64 && verify(null, text, key, signature),
  };
}

/**
 * tlog-cosignature §"Ed25519 signed message": "cosignature/v1\n" || "time <timestamp>\n" || the whole note
 * body of the cosigned checkpoint (including its final newline, without signature lines).
 */
export function cosignatureMessage(timestamp: bigint, text: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp.toString()}\n`, 'utf8'), text]);
}

/** tlog-cosignature §Format: "It MUST NOT exceed 2^63 - 1". */
const maxTimestamp = (1n << 63n) - 1n;

/**
 * A timestamped Ed25519 cosigner (tlog-cosignature, type 0x04): the signature is the `timestamped_signature`
 * structure, u64 big-endian POSIX seconds followed by the 64-byte Ed25519 signature of cosignatureMessage.
 */
export function cosignatureV1Signer(name: string, privateKey: KeyObject, now: () => Date): NoteSigner {
  if (!isKeyName(name)) throw new TypeError('not a valid note key name');
  return {
    name,
    keyId: keyIdOf(name, signatureTypes.cosignatureV1, rawEd25519PublicKey(privateKey)),
    sign(text) {
      const timestamp = BigInt(Math.floor(now().getTime() / 1000));
      const stamp = Buffer.alloc(8);
      stamp.writeBigUInt64BE(timestamp);
      return Buffer.concat([stamp, sign(null, cosignatureMessage(timestamp, text), privateKey)]);
    },
  };
}

/** The timestamp of a cosignature/v1 signature (its first 8 bytes), or null when the bytes are not one. */
export function cosignatureTimestamp(signature: Buffer): bigint | null {
  if (signature.length !== 8 + 64) return null;
  const timestamp = signature.readBigUInt64BE(0);
  return timestamp > maxTimestamp ? null : timestamp;
}

/** The verifier of a cosignature/v1 (0x04) key. */
export function cosignatureV1Verifier(name: string, publicKey: Buffer): NoteVerifier {
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name, type: signatureTypes.cosignatureV1, publicKey, keyId: keyIdOf(name, signatureTypes.cosignatureV1, publicKey),
    verify(text, signature) {
      const timestamp = cosignatureTimestamp(signature);
      return timestamp !== null && verify(null, cosignatureMessage(timestamp, text), key, signature.subarray(8));
    },
  };
}

/**
 * The verifier a vkey describes (signed-note §"Verifier keys"). Refuses a vkey whose key ID is not the one
 * its name, type and key give (the derivation this registry and tlog-cosignature use), or of another type.
 */
export function verifierFromKey(vkey: string): NoteResult<NoteVerifier> {
  // Names and hex key IDs hold no "+", but standard base64 may: split at the first two only.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const parts = first < 0 || second < 0 ? [] : [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  if (parts.length !== 3 || !isKeyName(parts[0]!) || !/^[0-9a-f]{8}$/.test(parts[1]!)) return malformed('a verifier key is <name>+<8 hex digits>+<base64>');
  const material = strictBase64(parts[2]!);
  if (!material || material.length !== 33) return malformed('the verifier key holds no 32-byte Ed25519 public key');
  const type = material[0];
  const publicKey = material.subarray(1);
  let verifier: NoteVerifier;
  try {
    if (type === signatureTypes.ed25519) verifier = ed25519Verifier(parts[0]!, publicKey);
    else if (type === signatureTypes.cosignatureV1) verifier = cosignatureV1Verifier(parts[0]!, publicKey);
    else return malformed(`signature type 0x${(type ?? 0).toString(16).padStart(2, '0')} is not supported`);
  } catch {
    return malformed('the verifier key is not a valid Ed25519 public key');
  }
  if (verifier.keyId.toString('hex') !== parts[1]) return malformed('the verifier key\'s key ID does not match its name and key');
  return { ok: true, value: verifier };
}

/** signed-note §Format: valid UTF-8, no ASCII control characters other than newline. */
function wellFormedText(text: string): boolean {
  return isWellFormedText(text) && !/[\u0000-\u0009\u000b-\u001f]/.test(text);
}

function signatureLine(signer: NoteSigner, text: Buffer): string {
  return `${emDashSpace}${signer.name} ${Buffer.concat([signer.keyId, signer.sign(text)]).toString('base64')}\n`;
}

/**
 * Signs a note text (signed-note §Format: the text ends in a newline; a blank line; one signature line per
 * key). Throws a TypeError for a text the format cannot carry: the caller builds it, so that is a bug.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || !wellFormedText(text) || signers.length === 0) throw new TypeError('a note text ends in a newline, has no control characters, and is signed by at least one key');
  const bytes = Buffer.from(text, 'utf8');
  return `${text}\n${signers.map((signer) => signatureLine(signer, bytes)).join('')}`;
}

/** Adds signature lines to an already signed note (a witness cosigning a checkpoint). */
export function addSignatures(note: string, signers: readonly NoteSigner[]): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new TypeError(`cannot cosign: ${parsed.reason}`);
  const bytes = Buffer.from(parsed.value.text, 'utf8');
  return `${note}${signers.map((signer) => signatureLine(signer, bytes)).join('')}`;
}

/**
 * Splits a note into text and signatures (signed-note §Format: "the text is separated from the signatures by
 * the last empty line in the note"). Nothing is verified here.
 */
export function parseNote(note: string): NoteResult<ParsedNote> {
  if (Buffer.byteLength(note, 'utf8') > noteLimits.maxBytes) return malformed(`a note is at most ${noteLimits.maxBytes} bytes`);
  if (!wellFormedText(note)) return malformed('a note is UTF-8 text without control characters other than newline');
  if (!note.endsWith('\n')) return malformed('a note ends in a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return malformed('a note has a blank line between its text and its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length === 1 && lines[0] === '') return malformed('the note has no signature');
  if (lines.length > noteLimits.maxSignatures) return malformed(`a note carries at most ${noteLimits.maxSignatures} signatures`);
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const fields = line.startsWith(emDashSpace) ? line.slice(emDashSpace.length).split(' ') : [];
    const bytes = fields.length === 2 && isKeyName(fields[0]!) ? strictBase64(fields[1]!) : null;
    if (!bytes || bytes.length < 5) return malformed('a signature line is "— <key name> <base64 of key ID and signature>"');
    signatures.push({ name: fields[0]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
  }
  return { ok: true, value: { text, signatures } };
}

/** A note whose signatures by known keys all verified: its text and the signatures that did. */
export interface VerifiedNote {
  text: string;
  verified: Array<{ verifier: NoteVerifier; signature: NoteSignature }>;
}

/**
 * Verifies a note against trusted keys (signed-note §Signatures): signatures whose (name, key ID) match no
 * known key are ignored; a known key's signature that fails rejects the whole note; a note with no verified
 * signature by a known key is rejected.
 */
export function verifyNote(note: string, verifiers: readonly NoteVerifier[]): NoteResult<VerifiedNote> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const text = Buffer.from(parsed.value.text, 'utf8');
  const verified: VerifiedNote['verified'] = [];
  for (const signature of parsed.value.signatures) {
    const verifier = verifiers.find((candidate) => candidate.name === signature.name && candidate.keyId.equals(signature.keyId));
    if (!verifier) continue;
    if (!verifier.verify(text, signature.signature)) return { ok: false, code: 'bad_signature', reason: `the signature of ${signature.name} does not verify` };
    verified.push({ verifier, signature });
  }
  if (verified.length === 0) return { ok: false, code: 'no_known_signature', reason: 'no signature by a known key' };
  return { ok: true, value: { text: parsed.value.text, verified } };
}
