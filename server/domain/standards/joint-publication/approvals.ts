import { randomUUID } from 'node:crypto';
import type { StandardApprovalRecord, StandardRecord, StandardSharingRecord, Store, StoreTransaction } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { appendAudit, type Acting } from '../../audit/append.ts';
import type { KeyVault } from '../../credentials/key-vault.ts';
import { DomainError } from '../../errors.ts';
import { appendLogEntry } from '../../ledger/transparency-log.ts';
import { authorize } from '../../policies/index.ts';
import { publishDraft } from '../catalog.ts';
import { signApproval } from './approval-signature.ts';

/** What approving needs: the store, the authorities' private keys, the base of their DIDs, and the clock. */
export interface JointPublicationContext {
  store: Store;
  vault: KeyVault;
  publicBaseUrl: string;
  now(): Date;
  /** Days of the transition period the published version gets (TRANSITION_DAYS), as for a single-authority publication. */
  transitionDays?: number;
}

/** What an approval did: the stored approval, and the published version when it was the last one missing. */
export interface ApprovalOutcome {
  approval: StandardApprovalRecord;
  published: StandardRecord | null;
  /** The publication's log leaf, when it published. */
  leafIndex: number | null;
}

const subjectOf = (code: string, version: string) => `standard:${code}@${version}`;
const standing = (approvals: StandardApprovalRecord[]) => approvals.filter((approval) => approval.withdrawnAt === null);

/** The version and its sharing, or the error saying why it has no approvals to give or withdraw. */
async function sharedVersion(tx: StoreTransaction, code: string, version: string): Promise<{ record: StandardRecord; sharing: StandardSharingRecord }> {
  const record = await tx.standards.get(code, version);
  if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
  const sharing = await tx.standardApprovals.sharingOf(code);
  if (!sharing) throw new DomainError('invalid_state', `${code} is a standard of one jurisdiction: its owning authority publishes it alone (POST …/publish)`, { state: record.status, shared: false });
  return { record, sharing };
}

function assertDraft(record: StandardRecord, what: string): void {
  if (record.status !== 'draft') throw new DomainError('invalid_state', `${record.code}@${record.version} is ${record.status}: ${what}`, { state: record.status });
}

/**
 * An authority approves a shared draft's exact content hash (the hash the regulator read; conflict when the draft
 * has been replaced since). The approval is signed by the authority's credential key and audited. When it is the
 * last jurisdiction missing, the same transaction publishes the version and appends its `standard.published` log entry.
 */
export async function approveStandard(ctx: JointPublicationContext, actor: Actor, code: string, version: string, contentHash: string, requestId: string | null = null): Promise<ApprovalOutcome> {
  authorize(actor, 'standard.approve');
  return ctx.store.transaction(async (tx) => {
    const { record, sharing } = await sharedVersion(tx, code, version);
    authorize(actor, 'standard.approve', { code, version, jurisdictions: sharing.jurisdictions });
    assertDraft(record, 'only a draft is approved');
    if (record.contentHash !== contentHash) {
      throw new DomainError('conflict', `${code}@${version} has changed since: its content hash is ${record.contentHash}, not ${contentHash}; read it again before approving`, { currentContentHash: record.contentHash });
    }
    const authority = await tx.organisations.get(actor.orgId);
    const jurisdiction = authority?.jurisdiction;
    if (!authority || !jurisdiction || authority.kind !== 'authority') throw new DomainError('forbidden', 'only a regulator authority of a jurisdiction approves a shared standard');
    const given = standing(await tx.standardApprovals.listForVersion(code, version));
    const already = given.find((approval) => approval.jurisdiction === jurisdiction);
    if (already) throw new DomainError('conflict', `${jurisdiction} has approved ${code}@${version} already (at ${already.approvedAt})`, { approvalId: already.id });
    const approvedAt = ctx.now().toISOString();
    const signed = await signApproval(tx, ctx, authority, { code, version, contentHash, jurisdiction, approvedAt });
    const approval: StandardApprovalRecord = {
      id: randomUUID(), code, version, contentHash, jurisdiction, orgId: authority.id, userId: actor.userId, approvedAt,
      jws: signed.jws, approvalHash: signed.approvalHash, withdrawnAt: null, withdrawnBy: null, withdrawnReason: null,
    };
    await tx.standardApprovals.insert(approval);
    const acting: Acting = { actor, requestId };
    const all = [...given, approval];
    const complete = sharing.jurisdictions.every((needed) => all.some((approved) => approved.jurisdiction === needed));
    let published: StandardRecord | null = null;
    let leafIndex: number | null = null;
    if (complete) {
      published = await publishDraft(tx, acting, record, ctx.transitionDays);
      leafIndex = await appendLogEntry(tx, { type: 'standard.published', code, version, contentHash, approvals: all.map((each) => each.approvalHash), at: published.publishedAt! });
    }
    await appendAudit(tx, acting, {
      action: 'standard.approve', subject: subjectOf(code, version),
      summary: { approvalId: approval.id, jurisdiction, contentHash, approvalHash: approval.approvalHash, kid: signed.kid, published: complete, leafIndex },
    });
    return { approval, published, leafIndex };
  });
}

/** An authority withdraws its standing approval of a shared draft; once the version is published, approvals are final. */
export async function withdrawApproval(ctx: Pick<JointPublicationContext, 'store' | 'now'>, actor: Actor, code: string, version: string, requestId: string | null = null): Promise<StandardApprovalRecord> {
  authorize(actor, 'standard.approval.withdraw');
  return ctx.store.transaction(async (tx) => {
    const { record } = await sharedVersion(tx, code, version);
    assertDraft(record, 'its approvals are final once it is published');
    const given = standing(await tx.standardApprovals.listForVersion(code, version));
    const approval = given.find((each) => each.orgId === actor.orgId) ?? given.find((each) => each.jurisdiction === actor.jurisdiction);
    if (!approval) throw new DomainError('invalid_state', `your authority has no standing approval of ${code}@${version} to withdraw`, { state: record.status });
    authorize(actor, 'standard.approval.withdraw', approval);
    const at = ctx.now().toISOString();
    await tx.standardApprovals.withdraw(approval.id, { at, by: actor.userId, reason: 'withdrawn' });
    await appendAudit(tx, { actor, requestId }, {
      action: 'standard.approval.withdraw', subject: subjectOf(code, version),
      summary: { approvalId: approval.id, jurisdiction: approval.jurisdiction, contentHash: approval.contentHash, approvalHash: approval.approvalHash },
    });
    return { ...approval, withdrawnAt: at, withdrawnBy: actor.userId, withdrawnReason: 'withdrawn' };
  });
}
