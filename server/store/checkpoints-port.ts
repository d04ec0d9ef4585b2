/**
 * The storage port's part for C2SP checkpoints and the witness keys that cosign them (port.ts re-exports
 * everything here). A stored checkpoint is never edited or deleted; a witness key only gains a retirement date.
 */
import type { Jurisdiction } from './port.ts';

/** The public half of a witness key (a cosignature/v1 Ed25519 key). The private half is a file under <dataDir>/keys. */
export interface WitnessKeyRecord {
  /** RFC 7638 JWK thumbprint of the public key: the name of its private key file in the key vault. */
  kid: string;
  /** The cosigner's key name in note signature lines (a schema-less URL), fixed when the key is made. */
  name: string;
  /** The jurisdiction this witness speaks for: one active witness per jurisdiction. */
  jurisdiction: Jurisdiction;
  /** The 32-byte Ed25519 public key, standard base64. */
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

/** A signed checkpoint the log issued: one per tree size, kept so any two can later be proven consistent. */
export interface CheckpointRecord {
  treeSize: number;
  /** The RFC 6962 root of the first treeSize leaves, hex. */
  rootHash: string;
  /** The C2SP signed note (log signature and witness cosignatures), exactly as served. */
  note: string;
  createdAt: string;
}

export interface WitnessKeyReader {
  /** Every witness key ever made, retired ones included, oldest first. */
  list(): Promise<WitnessKeyRecord[]>;
  /** The newest unretired witness key of a jurisdiction, or null. */
  active(jurisdiction: Jurisdiction): Promise<WitnessKeyRecord | null>;
}
export interface WitnessKeyRepository extends WitnessKeyReader {
  /** Throws DomainError('conflict') when the kid or the name exists. */
  insert(key: WitnessKeyRecord): Promise<void>;
  retire(kid: string, at: string): Promise<void>;
}

export interface CheckpointReader {
  /** The checkpoint of the largest tree size, or null when none was made yet. */
  latest(): Promise<CheckpointRecord | null>;
  /** The checkpoint of exactly this tree size, or null. */
  get(treeSize: number): Promise<CheckpointRecord | null>;
}
export interface CheckpointRepository extends CheckpointReader {
  /** Throws DomainError('conflict') when a checkpoint of this tree size exists. */
  insert(checkpoint: CheckpointRecord): Promise<void>;
}
