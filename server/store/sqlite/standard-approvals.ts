import type { Database } from 'better-sqlite3';
import type { Jurisdiction, StandardApprovalRecord, StandardApprovalRepository, StandardSharingRecord } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface SharingRow {
  code: string;
  jurisdictions: string;
  marked_by: string;
  marked_at: string;
}

interface ApprovalRow {
  id: string;
  code: string;
  version: string;
  content_hash: string;
  jurisdiction: Jurisdiction;
  org_id: string;
  user_id: string;
  approved_at: string;
  jws: string;
  approval_hash: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: StandardApprovalRecord['withdrawnReason'];
}

const toSharing = (row: SharingRow): StandardSharingRecord => ({
  code: row.code, jurisdictions: JSON.parse(row.jurisdictions) as Jurisdiction[], markedBy: row.marked_by, markedAt: row.marked_at,
});

const toApproval = (row: ApprovalRow): StandardApprovalRecord => ({
  id: row.id, code: row.code, version: row.version, contentHash: row.content_hash, jurisdiction: row.jurisdiction, orgId: row.org_id,
  userId: row.user_id, approvedAt: row.approved_at, jws: row.jws, approvalHash: row.approval_hash,
  withdrawnAt: row.withdrawn_at, withdrawnBy: row.withdrawn_by, withdrawnReason: row.withdrawn_reason,
});

/** Shared standard codes and approvals of their drafts in SQLite (migration 012). */
export function createStandardApprovalRepository(db: Database): StandardApprovalRepository {
  const sharing = db.prepare('SELECT * FROM standard_sharing WHERE code = ?');
  const forVersion = db.prepare('SELECT * FROM standard_approvals WHERE code = ? AND version = ? ORDER BY seq');
  const markShared = db.prepare('INSERT INTO standard_sharing (code, jurisdictions, marked_by, marked_at) VALUES (?, ?, ?, ?)');
  const insert = db.prepare(`INSERT INTO standard_approvals (id, code, version, content_hash, jurisdiction, org_id, user_id, approved_at, jws,
      approval_hash, withdrawn_at, withdrawn_by, withdrawn_reason, seq)
    VALUES (@id, @code, @version, @contentHash, @jurisdiction, @orgId, @userId, @approvedAt, @jws, @approvalHash, @withdrawnAt, @withdrawnBy,
      @withdrawnReason, (SELECT coalesce(max(seq), 0) + 1 FROM standard_approvals))`);
  const withdraw = db.prepare('UPDATE standard_approvals SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL');
  return {
    async sharingOf(code) {
      const row = sharing.get(code) as SharingRow | undefined;
      return row ? toSharing(row) : null;
    },
    async listForVersion(code, version) {
      return (forVersion.all(code, version) as ApprovalRow[]).map(toApproval);
    },
    async markShared(record) {
      translateConstraint(`the sharing of ${record.code}`, () => markShared.run(record.code, JSON.stringify(record.jurisdictions), record.markedBy, record.markedAt));
    },
    async insert(approval) {
      translateConstraint(`a standing ${approval.jurisdiction} approval of ${approval.code}@${approval.version}`, () => insert.run(approval));
    },
    async withdraw(id, change) {
      withdraw.run(change.at, change.by, change.reason, id);
    },
  };
}
