/**
 * A small C2SP checkpoint verifier written for the tests from the specifications' text, independent of
 * server/domain/ledger (it imports nothing from the server), so the registry's notes are checked by code that
 * does not share its bugs:
 *  - c2sp.org/signed-note       §Format, §Signatures, §"Ed25519 signatures", §"Verifier keys"
 *  - c2sp.org/tlog-checkpoint   §"Note text"
 *  - c2sp.org/tlog-cosignature  §Format, §"Ed25519 signed message"
 * It takes its trust as vkey strings, as an outside witness or monitor would be configured.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

interface TrustedKey {
  name: string;
  id: string;
  type: number;
  key: Buffer;
}

/**
 * §"Verifier keys": <name>+<hex key ID>+<base64(type || key)>; the key ID is recomputed and must match. The
 * name holds no "+" (§Format) and the hex ID none, but standard base64 may: only the first two "+" separate.
 */
export function c2spParseVkey(vkey: string): TrustedKey {
  const match = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(vkey);
  if (!match) throw new Error(`not a vkey: ${vkey}`);
  const [, name, id, material] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(material, 'base64');
  const type = bytes[0]!;
  const key = bytes.subarray(1);
  if (key.length !== 32) throw new Error('not an Ed25519 vkey');
  if (c2spKeyId(name, type, key) !== id) throw new Error(`vkey ${name}: key ID ${id} is not SHA-256(name || 0x0A || type || key)[:4]`);
  return { name, id, type, key };
}

/** §Signatures: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], as hex. */
export function c2spKeyId(name: string, type: number, key: Buffer): string {
  const hash = createHash('sha256');
  hash.update(name, 'utf8');
  hash.update(Buffer.from([0x0a, type]));
  hash.update(key);
  return hash.digest().subarray(0, 4).toString('hex');
}

function ed25519Verifies(key: Buffer, message: Buffer, signature: Buffer): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key]); // RFC 8410 SubjectPublicKeyInfo of an Ed25519 key
  return verify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
}

export interface C2spCheckpoint {
  origin: string;
  size: number;
  /** Root hash, hex. */
  root: string;
  /** The names of the keys whose signatures verified, in note order. */
  signedBy: string[];
  /** Cosigner name → POSIX timestamp of its cosignature. */
  cosignedAt: Record<string, number>;
}

/**
 * Verifies a checkpoint note: it must be a checkpoint of `origin`, signed by the log vkey (type 0x01) and
 * cosigned by every witness vkey (type 0x04). Throws an Error naming the first rule that fails.
 */
export function c2spVerifyCheckpoint(note: string, trust: { origin: string; log: string; witnesses: string[] }): C2spCheckpoint {
  // §Format: a text ending in a newline, a blank line, then signature lines; "separated ... by the last empty line".
  if (!note.endsWith('\n')) throw new Error('a note ends with a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new Error('control character in the note');
  const at = note.lastIndexOf('\n\n');
  if (at < 0) throw new Error('no blank line before the signatures');
  const text = note.slice(0, at + 1);
  const lines = note.slice(at + 2).split('\n');
  lines.pop();
  const keys = [trust.log, ...trust.witnesses].map(c2spParseVkey);
  const logKey = keys[0]!;
  if (logKey.type !== 0x01) throw new Error('the log vkey is not an Ed25519 (0x01) key');
  if (keys.slice(1).some((key) => key.type !== 0x04)) throw new Error('a witness vkey is not a cosignature/v1 (0x04) key');
  const signedBy: string[] = [];
  const cosignedAt: Record<string, number> = {};
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match) throw new Error(`not a signature line: ${line}`);
    const [, name, b64] = match as unknown as [string, string, string];
    const bytes = Buffer.from(b64, 'base64');
    const id = bytes.subarray(0, 4).toString('hex');
    const key = keys.find((candidate) => candidate.name === name && candidate.id === id);
    if (!key) continue; // §Signatures: signatures from unknown keys are ignored
    const signature = bytes.subarray(4);
    if (key.type === 0x01) {
      // §"Ed25519 signatures": Ed25519 over the note text.
      if (signature.length !== 64 || !ed25519Verifies(key.key, Buffer.from(text, 'utf8'), signature)) throw new Error(`the signature of ${name} does not verify`);
    } else {
      // tlog-cosignature: timestamped_signature = u64 big-endian timestamp || 64-byte Ed25519 signature over
      // "cosignature/v1\n" || "time <decimal>\n" || the checkpoint's note text.
      if (signature.length !== 72) throw new Error(`the cosignature of ${name} is not 72 bytes`);
      const time = signature.readBigUInt64BE(0);
      if (time > 2n ** 63n - 1n) throw new Error(`the cosignature of ${name} has an impossible time`);
      const message = Buffer.from(`cosignature/v1\ntime ${time}\n${text}`, 'utf8');
      if (!ed25519Verifies(key.key, message, signature.subarray(8))) throw new Error(`the cosignature of ${name} does not verify`);
      cosignedAt[name] = Number(time);
    }
    signedBy.push(name);
  }
  // tlog-checkpoint §"Note text": origin, size (decimal, no leading zeroes), base64 root hash; extension lines optional.
  const [origin, size, root] = text.slice(0, -1).split('\n');
  if (origin !== trust.origin) throw new Error(`origin "${origin}" is not "${trust.origin}"`);
  if (!size || !/^(0|[1-9][0-9]*)$/.test(size)) throw new Error(`bad tree size line "${size}"`);
  const rootBytes = Buffer.from(root ?? '', 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) throw new Error(`bad root hash line "${root}"`);
  if (!signedBy.includes(logKey.name) || logKey.name !== origin) throw new Error('the log did not sign the checkpoint');
  for (const witness of keys.slice(1)) if (!(witness.name in cosignedAt)) throw new Error(`the witness ${witness.name} did not cosign`);
  return { origin, size: Number(size), root: rootBytes.toString('hex'), signedBy, cosignedAt };
}
