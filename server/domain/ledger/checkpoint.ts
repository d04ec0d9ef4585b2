import type { SigningKeyRecord } from '../../store/port.ts';
import { canonicalJson } from '../canonical-json.ts';

/** The signed statement of the log's state: everything a monitor compares between two observations. */
export interface Checkpoint {
  /** Identifies the log (its public URL), so a checkpoint cannot be replayed as another log's. */
  origin: string;
  treeSize: number;
  /** MTH of the first treeSize leaves, hex. */
  rootHash: string;
  timestamp: string;
}

/** JWS `typ` of checkpoint signatures. */
export const checkpointType = 'irru-checkpoint+jws';

/** Signs payload bytes with a key, as a compact JWS. */
export type CheckpointSigner = (key: SigningKeyRecord, payload: Uint8Array, typ: string) => Promise<string>;

/** A checkpoint with the log key's signature and the authorities' co-signatures, each a compact JWS over the same canonical JSON. */
export interface SignedCheckpoint extends Checkpoint {
  signature: { kid: string; jws: string };
  cosignatures: Array<{ kid: string; jurisdiction: string; jws: string }>;
}

/**
 * Signs a checkpoint with the registry's log key and co-signs it with one authority key per jurisdiction
 * (when both jurisdictions have one, both co-sign): neither side alone can show a forked log unnoticed.
 */
export async function signCheckpoint(checkpoint: Checkpoint, logKey: SigningKeyRecord, cosigners: SigningKeyRecord[], sign: CheckpointSigner): Promise<SignedCheckpoint> {
  const payload = new TextEncoder().encode(canonicalJson(checkpoint));
  const cosignatures = [];
  for (const key of cosigners) cosignatures.push({ kid: key.kid, jurisdiction: key.jurisdiction ?? '', jws: await sign(key, payload, checkpointType) });
  return { ...checkpoint, signature: { kid: logKey.kid, jws: await sign(logKey, payload, checkpointType) }, cosignatures };
}

/** The checkpoint fields of a signed checkpoint (what the signatures cover). */
export function checkpointOf(signed: Checkpoint): Checkpoint {
  return { origin: signed.origin, treeSize: signed.treeSize, rootHash: signed.rootHash, timestamp: signed.timestamp };
}
