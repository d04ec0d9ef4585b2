/**
 * Joint publication's part of the storage port: which standard codes are shared between jurisdictions, and
 * each authority's signed approval of a shared draft's exact content hash. Approvals are never deleted: a
 * withdrawn one (by its authority, or because the draft was replaced) keeps its row with the time and reason.
 */
import type { Jurisdiction } from './port.ts';

/** A standard code whose versions are published only when an authority of each jurisdiction approved them. */
export interface StandardSharingRecord {
  code: string;
  /** The jurisdictions that must each approve a version, sorted (IR, RU). */
  jurisdictions: Jurisdiction[];
  /** The user who marked the code shared (the uploader of its first version). */
  markedBy: string;
  markedAt: string;
}

/** Why an approval stopped counting: its authority withdrew it, or the draft it approved was replaced. */
export type ApprovalWithdrawal = 'withdrawn' | 'replaced';

/** One authority's approval of one version's content hash, signed with the authority's credential key. */
export interface StandardApprovalRecord {
  id: string;
  code: string;
  version: string;
  /** The content hash approved: the draft's at the time. */
  contentHash: string;
  /** The approving authority's jurisdiction. */
  jurisdiction: Jurisdiction;
  /** The approving authority (organisation id). */
  orgId: string;
  /** The regulator who approved. */
  userId: string;
  approvedAt: string;
  /** Compact JWS (typ irru-standard-approval+jwt) by the authority's credential key over the approval's canonical JSON. */
  jws: string;
  /** SHA-256 (hex) of the JWS payload bytes: what the publication's log entry lists. */
  approvalHash: string;
  withdrawnAt: string | null;
  /** Who withdrew it (the user; for a replaced draft, the uploader), or null. */
  withdrawnBy: string | null;
  withdrawnReason: ApprovalWithdrawal | null;
}

export interface StandardApprovalReader {
  /** The code's sharing, or null for a standard of one jurisdiction (published by its owner alone). */
  sharingOf(code: string): Promise<StandardSharingRecord | null>;
  /** Every approval of a version, withdrawn ones included, oldest first. */
  listForVersion(code: string, version: string): Promise<StandardApprovalRecord[]>;
}
export interface StandardApprovalRepository extends StandardApprovalReader {
  /** Throws DomainError('conflict') when the code's sharing is recorded already. */
  markShared(sharing: StandardSharingRecord): Promise<void>;
  /** Throws DomainError('conflict') when the jurisdiction has an approval of the version that is not withdrawn. */
  insert(approval: StandardApprovalRecord): Promise<void>;
  /** Marks a standing approval withdrawn; one already withdrawn keeps its first withdrawal. */
  withdraw(id: string, change: { at: string; by: string; reason: ApprovalWithdrawal }): Promise<void>;
}
