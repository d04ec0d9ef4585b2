import type { Database } from 'better-sqlite3';
import type { DecisionRecord, RevisionRecord, SubmissionRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface RevisionRow {
  submission_id: string;
  number: number;
  product: string;
  spec: string;
  spec_hash: string;
  conforms: 0 | 1;
  report: string;
  created_by: string;
  created_at: string;
}

interface DecisionRow {
  submission_id: string;
  jurisdiction: DecisionRecord['jurisdiction'];
  revision: number;
  decision: DecisionRecord['decision'];
  comment: string | null;
  decided_by: string;
  decided_at: string;
}

function toRevision(row: RevisionRow): RevisionRecord {
  return {
    submissionId: row.submission_id, number: row.number, product: JSON.parse(row.product), spec: JSON.parse(row.spec),
    specHash: row.spec_hash, conforms: row.conforms === 1, report: JSON.parse(row.report), createdBy: row.created_by, createdAt: row.created_at,
  };
}

function toDecision(row: DecisionRow): DecisionRecord {
  return {
    submissionId: row.submission_id, jurisdiction: row.jurisdiction, revision: row.revision, decision: row.decision,
    comment: row.comment, decidedBy: row.decided_by, decidedAt: row.decided_at,
  };
}

type RevisionPart = Pick<SubmissionRepository, 'listRevisions' | 'getRevision' | 'insertRevision' | 'listDecisions' | 'insertDecision'>;

/** The append-only parts of a submission in SQLite: revisions (spec + report) and decisions. */
export function createRevisionStatements(db: Database): RevisionPart {
  const revisions = db.prepare('SELECT * FROM submission_revisions WHERE submission_id = ? ORDER BY number');
  const revision = db.prepare('SELECT * FROM submission_revisions WHERE submission_id = ? AND number = ?');
  const insertRevision = db.prepare(`INSERT INTO submission_revisions (submission_id, number, product, spec, spec_hash, conforms,
      report, created_by, created_at)
    VALUES (@submissionId, @number, @product, @spec, @specHash, @conforms, @report, @createdBy, @createdAt)`);
  const decisions = db.prepare('SELECT * FROM submission_decisions WHERE submission_id = ? ORDER BY seq');
  const insertDecision = db.prepare(`INSERT INTO submission_decisions (submission_id, jurisdiction, revision, decision, comment,
      decided_by, decided_at)
    VALUES (@submissionId, @jurisdiction, @revision, @decision, @comment, @decidedBy, @decidedAt)`);
  return {
    async listRevisions(submissionId) {
      return (revisions.all(submissionId) as RevisionRow[]).map(toRevision);
    },
    async getRevision(submissionId, number) {
      const row = revision.get(submissionId, number) as RevisionRow | undefined;
      return row ? toRevision(row) : null;
    },
    async insertRevision(record) {
      const row = {
        ...record, product: JSON.stringify(record.product), spec: JSON.stringify(record.spec ?? null),
        report: JSON.stringify(record.report), conforms: record.conforms ? 1 : 0,
      };
      translateConstraint(`revision ${record.number} of submission ${record.submissionId}`, () => insertRevision.run(row));
    },
    async listDecisions(submissionId) {
      return (decisions.all(submissionId) as DecisionRow[]).map(toDecision);
    },
    async insertDecision(record) {
      insertDecision.run(record);
    },
  };
}
