/**
 * Checking a checkpoint offline (registry verify --offline, a border post's bundle): the C2SP note of a
 * presented checkpoint verified with the log's Ed25519 key as the verifier's files give it (the log's DID
 * document or the JWK Set), its origin the one the log's DID names, its readable fields the signed ones.
 */
import { didDocumentUrl, parseDidUrl } from '../identities/did-web.ts';
import { checkpointFromNote, fieldsMatchNote, logOrigin, verifyCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { ed25519Verifier, verifierFromKey, type NoteVerifier } from './signed-note.ts';

/** A log key as offline files give it: the base64url Ed25519 key and, when known, the log's DID. */
export interface LogPublicKey {
  x: string;
  /** The log's did:web DID; null for a key from a JWK Set written before DIDs (member `purpose: "log"`). */
  did: string | null;
}

/** Whether a DID is a registry log's (`did:web:<host>[:<path>]:log`, see identities/did-web.ts). */
function isLogDid(did: string): boolean {
  return did.startsWith('did:web:') && did.endsWith(':log');
}

/** The origin a log's DID stands for: the log DID's document lives at <base>/log/did.json, the origin is logOrigin(<base>). */
export function originOfLogDid(did: string): string | null {
  const url = isLogDid(did) ? didDocumentUrl(did) : null;
  return url ? logOrigin(url.replace(/\/log\/did\.json$/, '')) : null;
}

function isEd25519(jwk: Record<string, unknown>): jwk is Record<string, unknown> & { x: string } {
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
}

/** The log keys of a JWK Set: keys whose `kid` is a DID URL of a log DID, or (older sets) whose `purpose` is "log". */
export function logKeysFromJwks(jwks: { keys?: unknown }): LogPublicKey[] {
  const keys = Array.isArray(jwks.keys) ? (jwks.keys as Array<Record<string, unknown>>) : [];
  return keys.flatMap((jwk): LogPublicKey[] => {
    if (!isEd25519(jwk)) return [];
    const did = typeof jwk.kid === 'string' ? parseDidUrl(jwk.kid)?.did ?? null : null;
    if (did && isLogDid(did)) return [{ x: jwk.x, did }];
    return !did && jwk.purpose === 'log' ? [{ x: jwk.x, did: null }] : [];
  });
}

/** The log keys of DID documents: the verification methods of a log DID's document. */
export function logKeysFromDidDocuments(documents: ReadonlyArray<{ id: string; verificationMethod?: ReadonlyArray<{ publicKeyJwk?: object }> }>): LogPublicKey[] {
  return documents.filter((document) => isLogDid(document.id)).flatMap((document) => (document.verificationMethod ?? []).flatMap((method): LogPublicKey[] => {
    const jwk = (method.publicKeyJwk ?? {}) as Record<string, unknown>;
    return isEd25519(jwk) ? [{ x: jwk.x, did: document.id }] : [];
  }));
}

export interface OfflineCheckpointCheck {
  result: 'valid' | 'invalid' | 'unverifiable';
  /** Why it is not valid, in one sentence. */
  reason: string | null;
}

/**
 * Verifies a presented checkpoint with the log keys the verifier holds: the note must be signed by one of them
 * under the origin its DID names (a key from an older JWK Set, without a DID, takes the note's origin), its
 * readable fields must be the signed ones, and each given witness vkey (GET /api/v1/log/keys) must have
 * cosigned it. No log key: unverifiable. Never throws on bad input.
 */
export function verifyCheckpointOffline(checkpoint: SignedCheckpoint, logKeys: readonly LogPublicKey[], witnessKeys: readonly string[] = []): OfflineCheckpointCheck {
  if (logKeys.length === 0) return { result: 'unverifiable', reason: 'no log key to check the checkpoint with' };
  if (typeof checkpoint?.note !== 'string') return { result: 'invalid', reason: 'the checkpoint carries no signed note' };
  const witnesses: NoteVerifier[] = [];
  for (const vkey of witnessKeys) {
    const parsed = verifierFromKey(vkey);
    if (!parsed.ok) return { result: 'unverifiable', reason: `a witness key is unusable: ${parsed.reason}` };
    witnesses.push(parsed.value);
  }
  let failure = 'no log key signed the checkpoint';
  for (const key of logKeys) {
    const origin = key.did ? originOfLogDid(key.did) : checkpoint.origin;
    if (!origin || typeof origin !== 'string') continue;
    let log: NoteVerifier;
    try {
      log = ed25519Verifier(origin, Buffer.from(key.x, 'base64url'));
    } catch {
      continue;
    }
    const verified = verifyCheckpoint(checkpoint.note, { origin, log, witnesses });
    if (verified.ok) {
      return fieldsMatchNote(checkpoint, verified.checkpoint)
        ? { result: 'valid', reason: null }
        : { result: 'invalid', reason: 'the checkpoint\'s fields are not the ones its note signs' };
    }
    if (verified.failure !== 'not_signed_by_log') return { result: 'invalid', reason: verified.reason };
    const claimed = checkpointFromNote(checkpoint.note)?.origin;
    failure = claimed && claimed !== origin ? `the checkpoint is of the log "${claimed}", not "${origin}"` : `the checkpoint is not signed by the log of ${origin}`;
  }
  return { result: 'invalid', reason: failure };
}
