import type { Jurisdiction, StandardApprovalRecord, StandardRecord, Store } from '../../../store/port.ts';
import { authorityDid } from '../../identities/did-web.ts';

/** One approval as pages and the API show it: which authority, of which jurisdiction, approved which hash, when. */
export interface ApprovalView {
  id: string;
  jurisdiction: Jurisdiction;
  authority: { id: string; did: string; name: string };
  contentHash: string;
  approvedAt: string;
  /** True while it counts: not withdrawn, and for the version's current content hash. */
  standing: boolean;
  withdrawnAt: string | null;
  withdrawnReason: StandardApprovalRecord['withdrawnReason'];
  approvalHash: string;
  /** The signed approval (compact JWS); its `kid` resolves through the authority's DID document. */
  jws: string;
}

/** Where a version stands in joint publication. */
export interface JointPublicationStatus {
  code: string;
  version: string;
  status: StandardRecord['status'];
  contentHash: string;
  /** False for a standard of one jurisdiction (its owner publishes it alone; no approvals). */
  shared: boolean;
  jurisdictions: Jurisdiction[];
  /** Every approval ever given, withdrawn ones included, oldest first. */
  approvals: ApprovalView[];
  /** The jurisdictions whose approval a draft still waits for (none once published). */
  missing: Jurisdiction[];
}

/** The joint publication status of a version (null when there is no such version). */
export async function jointPublicationStatus(store: Pick<Store, 'standards' | 'standardApprovals' | 'organisations'>, publicBaseUrl: string,
  code: string, version: string): Promise<JointPublicationStatus | null> {
  const record = await store.standards.get(code, version);
  if (!record) return null;
  const sharing = await store.standardApprovals.sharingOf(code);
  const records = sharing ? await store.standardApprovals.listForVersion(code, version) : [];
  const orgIds = [...new Set(records.map((approval) => approval.orgId))];
  const orgs = await Promise.all(orgIds.map((id) => store.organisations.get(id)));
  const names = new Map(orgIds.map((id, i) => [id, orgs[i]?.name ?? id]));
  const approvals = records.map((approval): ApprovalView => ({
    id: approval.id, jurisdiction: approval.jurisdiction,
    authority: { id: approval.orgId, did: authorityDid(publicBaseUrl, approval.orgId), name: names.get(approval.orgId)! },
    contentHash: approval.contentHash, approvedAt: approval.approvedAt,
    standing: approval.withdrawnAt === null && approval.contentHash === record.contentHash,
    withdrawnAt: approval.withdrawnAt, withdrawnReason: approval.withdrawnReason, approvalHash: approval.approvalHash, jws: approval.jws,
  }));
  const jurisdictions = sharing?.jurisdictions ?? [];
  const missing = record.status === 'draft' ? jurisdictions.filter((needed) => !approvals.some((approval) => approval.standing && approval.jurisdiction === needed)) : [];
  return { code, version, status: record.status, contentHash: record.contentHash, shared: sharing !== null, jurisdictions, approvals, missing };
}
