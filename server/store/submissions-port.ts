/**
 * The storage port's part for vendor submissions, their revisions and attachments, the file area and the
 * audit trail (kept apart from port.ts so each file stays readable; port.ts re-exports everything here).
 * Revisions, decisions and audit events are append-only; a submission row only carries the current
 * summary (status, latest revision), and each jurisdiction's review track moves along the state machine.
 */
import type { Jurisdiction, LocalizedText } from './port.ts';
import type { ReviewQueries } from './review-port.ts';

export type * from './review-port.ts';

/** States of the review state machine (see server/domain/submissions/workflow.ts). */
export type SubmissionStatus = 'draft' | 'submitted' | 'under_review' | 'approved' | 'rejected' | 'changes_requested' | 'withdrawn';
export type AttachmentKind = 'datasheet' | 'test-report' | 'photo' | 'declaration' | 'other';
export type Decision = 'approve' | 'reject' | 'request_changes';

/** The product a submission describes (validated at the edge by schemas/api/product.schema.json). */
export interface ProductInfo {
  manufacturer: string;
  brand?: string;
  model: string;
  variants?: string[];
  hardwareVersion?: string;
  firmwareVersion?: string;
  hsCode: string;
  countryOfOrigin: string;
  description?: LocalizedText;
}

/** One jurisdiction's review of a submission: its own state, reviewer and last decision. */
export interface JurisdictionTrack {
  jurisdiction: Jurisdiction;
  status: SubmissionStatus;
  /** When the vendor last submitted to this jurisdiction; null while never submitted (regulators do not see it). */
  submittedAt: string | null;
  /** The regulator who took it into review, and when. */
  reviewerId: string | null;
  reviewStartedAt: string | null;
  /** The latest decision on this track, with the revision it was made on. */
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedRevision: number | null;
  comment: string | null;
}

export interface SubmissionRecord {
  id: string;
  /** The vendor organisation that owns it. */
  orgId: string;
  createdBy: string;
  standardCode: string;
  standardVersion: string;
  /** Summary over the tracks (workflow.ts `overallStatus`); each track is authoritative for its jurisdiction. */
  status: SubmissionStatus;
  /** Number of the newest revision (1, 2, 3…): also the submission's ETag. */
  revision: number;
  /** Copied from the newest revision's product, for search. */
  manufacturer: string;
  model: string;
  tracks: JurisdictionTrack[];
  createdAt: string;
  updatedAt: string;
}

/** One immutable version of a submission's product and spec with the report it got. */
export interface RevisionRecord {
  submissionId: string;
  number: number;
  product: ProductInfo;
  spec: unknown;
  specHash: string;
  conforms: boolean;
  /** The conformance report as the engine produced it (JSON). */
  report: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

/** A regulator's decision, kept for good (the track only holds the latest one). */
export interface DecisionRecord {
  submissionId: string;
  jurisdiction: Jurisdiction;
  revision: number;
  decision: Decision;
  comment: string | null;
  decidedBy: string;
  decidedAt: string;
}

/** An uploaded file's metadata; the bytes live content-addressed in the file area. */
export interface AttachmentRecord {
  id: string;
  submissionId: string;
  /** The submission revision current when it was uploaded. */
  revision: number;
  kind: AttachmentKind;
  /** Sanitised original name. */
  fileName: string;
  /** Detected from the content, never from the name or the declared type. */
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

/** One link of the hash-chained audit trail. */
export interface AuditEventRecord {
  /** 1, 2, 3… without gaps. */
  seq: number;
  at: string;
  actorId: string;
  orgId: string;
  /** e.g. submission.create, standard.publish, user.create. */
  action: string;
  /** e.g. submission:<id>, standard:CODE@VERSION, user:<id>. */
  subject: string;
  /** What changed (JSON). */
  summary: Record<string, unknown>;
  requestId: string | null;
  /** Jurisdictions whose regulators may read it; null: every regulator. */
  scope: Jurisdiction[] | null;
  /** Hash of the previous event (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 of the canonical JSON of every field above. */
  hash: string;
}

/** What a submission list may be narrowed by; results are newest first. */
export interface SubmissionQuery {
  /** Only this vendor organisation's submissions. */
  orgId?: string;
  /** Only submissions submitted at least once to this jurisdiction; `status` then means that track's status. */
  jurisdiction?: Jurisdiction;
  status?: SubmissionStatus;
  standardCode?: string;
  /** Case-insensitive substring of manufacturer or model. */
  text?: string;
  /** Keyset cursor: only submissions listed after this position (from `SubmissionPage.next`). */
  after?: number;
  limit: number;
}

export interface SubmissionPage {
  items: SubmissionRecord[];
  /** Position to pass as `after` for the next page; null on the last page. */
  next: number | null;
}

export interface AuditQuery {
  subject?: string;
  /** Only events a regulator of this jurisdiction may read. */
  jurisdiction?: Jurisdiction;
  /** Only events with seq above this. */
  afterSeq?: number;
  limit: number;
}

/** Submissions as stored; regulators' queue and statistics queries (review-port.ts) are read here too. */
export interface SubmissionReader extends ReviewQueries {
  get(id: string): Promise<SubmissionRecord | null>;
  list(query: SubmissionQuery): Promise<SubmissionPage>;
  /** Every revision, oldest first. */
  listRevisions(submissionId: string): Promise<RevisionRecord[]>;
  getRevision(submissionId: string, number: number): Promise<RevisionRecord | null>;
  /** Every decision, oldest first. */
  listDecisions(submissionId: string): Promise<DecisionRecord[]>;
}
export interface SubmissionRepository extends SubmissionReader {
  /** Inserts the submission with its tracks. Throws DomainError('conflict') when the id exists. */
  insert(submission: SubmissionRecord): Promise<void>;
  /** Stores the current summary (status, revision, product names, updatedAt) and every track. */
  update(submission: SubmissionRecord): Promise<void>;
  /** Throws DomainError('conflict') when this revision number exists already. */
  insertRevision(revision: RevisionRecord): Promise<void>;
  insertDecision(decision: DecisionRecord): Promise<void>;
}

export interface AttachmentReader {
  get(submissionId: string, id: string): Promise<AttachmentRecord | null>;
  /** A submission's attachments, oldest first. */
  list(submissionId: string): Promise<AttachmentRecord[]>;
}
export interface AttachmentRepository extends AttachmentReader {
  insert(attachment: AttachmentRecord): Promise<void>;
}

export interface AuditReader {
  /** The newest event, or null when the trail is empty. */
  last(): Promise<AuditEventRecord | null>;
  /** Events in seq order. */
  list(query: AuditQuery): Promise<AuditEventRecord[]>;
}
export interface AuditRepository extends AuditReader {
  /** Appends an event; throws DomainError('conflict') when its seq exists (someone appended first). */
  append(event: AuditEventRecord): Promise<void>;
}

/**
 * Content-addressed file storage. Writes are atomic (a file is whole or absent) and idempotent; a file
 * written by a transaction that then fails stays as an unreferenced blob, never as a partial one.
 */
export interface FileArea {
  /** Stores the bytes; returns their SHA-256 (hex) and size. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The bytes stored under the hash, or null. */
  get(sha256: string): Promise<Uint8Array | null>;
}
