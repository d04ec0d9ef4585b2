/**
 * The storage port's part for certificates, signing keys, the transparency log and customs documents
 * (kept apart from port.ts so each file stays readable; port.ts re-exports everything here).
 * Nothing in here is ever updated in place: certificates, their events, log leaves and customs documents
 * are append-only; a signing key only gains a retirement date.
 */
import type { Jurisdiction, OrganisationRecord } from './port.ts';

export type CertificateStatus = 'valid' | 'suspended' | 'revoked';
export type CertificateAction = 'issued' | 'suspended' | 'reinstated' | 'revoked';
export type KeyPurpose = 'credential' | 'log';

/** The public half of an Ed25519 signing key. The private half is a file under <dataDir>/keys, never in the store. */
export interface SigningKeyRecord {
  /** RFC 7638 JWK thumbprint (base64url) of the public key. */
  kid: string;
  purpose: KeyPurpose;
  /** The regulator authority owning a credential key; null for the registry's log key. */
  orgId: string | null;
  jurisdiction: Jurisdiction | null;
  /** Public JWK: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }. */
  publicJwk: Record<string, string>;
  createdAt: string;
  /** When a newer key replaced it; retired keys still verify what they signed. */
  retiredAt: string | null;
}

/** An issued certificate: the signed credential and the fields it is looked up and checked by. */
export interface CertificateRecord {
  /** IRRU-<jurisdiction>-<year>-<6-digit sequence>-<check digit>. */
  number: string;
  jurisdiction: Jurisdiction;
  year: number;
  sequence: number;
  issuerOrgId: string;
  submissionId: string;
  revision: number;
  /** The signing key (JWS header kid). */
  kid: string;
  /** The compact JWS exactly as signed; never edited. */
  jws: string;
  /** SHA-256 (hex) of the JWS payload bytes (the credential's canonical JSON). */
  credentialHash: string;
  hsCode: string;
  model: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  /** User id of the approving regulator. */
  issuedBy: string;
}

/** One step in a certificate's life (issuance included), each with its own log leaf. */
export interface CertificateEventRecord {
  number: string;
  action: CertificateAction;
  /** The status once this event applies. */
  status: CertificateStatus;
  reason: string | null;
  actorId: string;
  at: string;
  leafIndex: number;
}

/** One leaf of the append-only transparency log. */
export interface LogLeafRecord {
  /** 0-based position in the tree; gapless. */
  index: number;
  /** The entry's canonical JSON text, exactly the bytes that were hashed. */
  entry: string;
  /** SHA-256(0x00 ‖ entry), hex. */
  leafHash: string;
  createdAt: string;
}

/** A signed, short-lived customs attestation for one shipment under a certificate. */
export interface CustomsDocumentRecord {
  id: string;
  /** The certificate's number. */
  number: string;
  /**
   * IRRU-CD-<importing jurisdiction>-<year>-<6-digit sequence>-<check digit>, gapless per jurisdiction and year;
   * null only for documents issued before customs documents were numbered (SQLite migration 006).
   */
  documentNumber: string | null;
  /** The jurisdiction whose customs the document is for (the requesting officer's own); null as documentNumber. */
  importingJurisdiction: Jurisdiction | null;
  /** The attestation (the JWS payload, decoded). */
  attestation: Record<string, unknown>;
  jws: string;
  /** SHA-256 (hex) of the JWS payload bytes. */
  attestationHash: string;
  issuedAt: string;
  expiresAt: string;
  requestedBy: string;
}

export interface SigningKeyReader {
  get(kid: string): Promise<SigningKeyRecord | null>;
  /** Every key ever created, retired ones included, oldest first. */
  list(): Promise<SigningKeyRecord[]>;
  /** The newest unretired key of the purpose (and organisation, for credential keys), or null. */
  active(purpose: KeyPurpose, orgId: string | null): Promise<SigningKeyRecord | null>;
  /** Organisations of kind authority: the authorities that sign certificates (in creation order). */
  listAuthorities(): Promise<OrganisationRecord[]>;
}
export interface SigningKeyRepository extends SigningKeyReader {
  /** Throws DomainError('conflict') when the kid exists. */
  insert(key: SigningKeyRecord): Promise<void>;
  retire(kid: string, at: string): Promise<void>;
}

export interface CertificateReader {
  get(number: string): Promise<CertificateRecord | null>;
  /** The certificates issued for a submission, oldest first. */
  listBySubmission(submissionId: string): Promise<CertificateRecord[]>;
  /** The certificate's events, oldest first; the last one holds its current recorded status. */
  events(number: string): Promise<CertificateEventRecord[]>;
}
export interface CertificateRepository extends CertificateReader {
  /**
   * The next sequence number for the jurisdiction and year (1, 2, 3…), from a counter row updated in this
   * transaction: rolled back with it, so numbers are unique and gapless.
   */
  nextSequence(jurisdiction: Jurisdiction, year: number): Promise<number>;
  /** Throws DomainError('conflict') when the number, or a certificate of the same jurisdiction for the same submission revision, exists. */
  insert(certificate: CertificateRecord): Promise<void>;
  appendEvent(event: CertificateEventRecord): Promise<void>;
}

/** A perfect subtree of the log's Merkle tree: the 2^level leaves from index·2^level (level 0 is one leaf). */
export interface LogSubtreeKey {
  level: number;
  index: number;
}
/** A complete subtree's hash: MTH of its leaves (RFC 9162 §2.1.1), hex. */
export interface LogSubtreeRecord extends LogSubtreeKey {
  hash: string;
}

export interface TransparencyLogReader {
  /** The number of leaves (O(1) or O(log n): never a count over every leaf). */
  size(): Promise<number>;
  /** Leaf hashes (hex) of leaves 0 … size-1, in order (O(n): the reference; proofs use subtreeHashes). */
  leafHashes(size: number): Promise<string[]>;
  /** Leaves start … end-1 (end exclusive), in order. */
  leaves(start: number, end: number): Promise<LogLeafRecord[]>;
  /**
   * The stored hashes (hex) of complete subtrees, in the order of `keys`; level 0 is the leaf's hash; null for a
   * subtree that is not complete (or not stored). One primary-key read per key.
   */
  subtreeHashes(keys: readonly LogSubtreeKey[]): Promise<Array<string | null>>;
}
export interface TransparencyLogRepository extends TransparencyLogReader {
  /** Appends a leaf at the end of the log and returns its index. */
  append(leaf: Omit<LogLeafRecord, 'index'>): Promise<number>;
  /** Stores the hashes of subtrees (level ≥ 1) a leaf completed, in the transaction that appends it; they never change. */
  appendSubtrees(subtrees: readonly LogSubtreeRecord[]): Promise<void>;
}

export interface CustomsDocumentReader {
  get(id: string): Promise<CustomsDocumentRecord | null>;
  /** The document with this IRRU-CD-… number, or null. */
  getByNumber(documentNumber: string): Promise<CustomsDocumentRecord | null>;
}
export interface CustomsDocumentRepository extends CustomsDocumentReader {
  /**
   * The next customs document sequence of the importing jurisdiction and year (1, 2, 3…), from a counter
   * updated in this transaction: rolled back with it, so a refused or failed request consumes no number.
   */
  nextSequence(jurisdiction: Jurisdiction, year: number): Promise<number>;
  /** Throws DomainError('conflict') when the id or the document number exists. */
  insert(document: CustomsDocumentRecord): Promise<void>;
}
