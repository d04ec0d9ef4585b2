import type { Database } from 'better-sqlite3';
import type { JurisdictionTrack, SubmissionQuery, SubmissionRecord, SubmissionRepository } from '../port.ts';
import { createReviewQueries } from './review-queries.ts';
import { createRevisionStatements } from './submission-revisions.ts';
import { translateConstraint } from './sqlite-errors.ts';

export interface SubmissionRow {
  seq: number;
  id: string;
  org_id: string;
  created_by: string;
  standard_code: string;
  standard_version: string;
  status: SubmissionRecord['status'];
  revision: number;
  manufacturer: string;
  model: string;
  created_at: string;
  updated_at: string;
}

interface TrackRow {
  jurisdiction: JurisdictionTrack['jurisdiction'];
  status: JurisdictionTrack['status'];
  submitted_at: string | null;
  reviewer_id: string | null;
  review_started_at: string | null;
  decision: JurisdictionTrack['decision'];
  decided_by: string | null;
  decided_at: string | null;
  decided_revision: number | null;
  comment: string | null;
}

function toTrack(row: TrackRow): JurisdictionTrack {
  return {
    jurisdiction: row.jurisdiction, status: row.status, submittedAt: row.submitted_at, reviewerId: row.reviewer_id,
    reviewStartedAt: row.review_started_at, decision: row.decision, decidedBy: row.decided_by, decidedAt: row.decided_at,
    decidedRevision: row.decided_revision, comment: row.comment,
  };
}

function toRecord(row: SubmissionRow, tracks: JurisdictionTrack[]): SubmissionRecord {
  return {
    id: row.id, orgId: row.org_id, createdBy: row.created_by, standardCode: row.standard_code, standardVersion: row.standard_version,
    status: row.status, revision: row.revision, manufacturer: row.manufacturer, model: row.model, tracks,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause and parameters of a list query; every value is bound, never spliced. */
function listFilter(query: SubmissionQuery): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit + 1 };
  const add = (clause: string, name: string, value: unknown) => {
    where.push(clause);
    params[name] = value;
  };
  if (query.orgId !== undefined) add('s.org_id = @orgId', 'orgId', query.orgId);
  if (query.jurisdiction !== undefined) add('t.jurisdiction = @jurisdiction AND t.submitted_at IS NOT NULL', 'jurisdiction', query.jurisdiction);
  if (query.status !== undefined) add(query.jurisdiction ? 't.status = @status' : 's.status = @status', 'status', query.status);
  if (query.standardCode !== undefined) add('s.standard_code = @standardCode', 'standardCode', query.standardCode);
  if (query.text !== undefined) add("(s.manufacturer LIKE @text ESCAPE '\\' OR s.model LIKE @text ESCAPE '\\')", 'text', likeEscaped(query.text));
  if (query.after !== undefined) add('s.seq < @after', 'after', query.after);
  const join = query.jurisdiction ? 'JOIN submission_tracks t ON t.submission_id = s.id' : '';
  const sql = `SELECT s.* FROM submissions s ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.seq DESC LIMIT @limit`;
  return { sql, params };
}

/** Submissions with their review tracks, revisions and decisions in SQLite. */
export function createSubmissionRepository(db: Database): SubmissionRepository {
  const byId = db.prepare('SELECT * FROM submissions WHERE id = ?');
  const tracksOf = db.prepare('SELECT * FROM submission_tracks WHERE submission_id = ? ORDER BY jurisdiction');
  const insert = db.prepare(`INSERT INTO submissions (id, org_id, created_by, standard_code, standard_version, status, revision,
      manufacturer, model, created_at, updated_at)
    VALUES (@id, @orgId, @createdBy, @standardCode, @standardVersion, @status, @revision, @manufacturer, @model, @createdAt, @updatedAt)`);
  const update = db.prepare(`UPDATE submissions SET status = @status, revision = @revision, manufacturer = @manufacturer,
      model = @model, updated_at = @updatedAt WHERE id = @id`);
  const upsertTrack = db.prepare(`INSERT INTO submission_tracks (submission_id, jurisdiction, status, submitted_at, reviewer_id,
      review_started_at, decision, decided_by, decided_at, decided_revision, comment)
    VALUES (@submissionId, @jurisdiction, @status, @submittedAt, @reviewerId, @reviewStartedAt, @decision, @decidedBy, @decidedAt,
      @decidedRevision, @comment)
    ON CONFLICT (submission_id, jurisdiction) DO UPDATE SET status = excluded.status, submitted_at = excluded.submitted_at,
      reviewer_id = excluded.reviewer_id, review_started_at = excluded.review_started_at, decision = excluded.decision,
      decided_by = excluded.decided_by, decided_at = excluded.decided_at, decided_revision = excluded.decided_revision,
      comment = excluded.comment`);
  const withTracks = (row: SubmissionRow) => toRecord(row, (tracksOf.all(row.id) as TrackRow[]).map(toTrack));
  const saveTracks = (submission: SubmissionRecord) => {
    for (const track of submission.tracks) upsertTrack.run({ submissionId: submission.id, ...track });
  };
  return {
    ...createRevisionStatements(db),
    ...createReviewQueries(db, withTracks),
    async get(id) {
      const row = byId.get(id) as SubmissionRow | undefined;
      return row ? withTracks(row) : null;
    },
    async list(query) {
      const { sql, params } = listFilter(query);
      const rows = db.prepare(sql).all(params) as SubmissionRow[];
      const page = rows.slice(0, query.limit);
      return { items: page.map(withTracks), next: rows.length > query.limit ? page[page.length - 1]!.seq : null };
    },
    async insert(submission) {
      translateConstraint(`submission ${submission.id}`, () => insert.run(submission));
      saveTracks(submission);
    },
    async update(submission) {
      update.run(submission);
      saveTracks(submission);
    },
  };
}
