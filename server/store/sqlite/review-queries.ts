import type { Database } from 'better-sqlite3';
import type { ReviewQueries, ReviewStatisticsQuery, SubmissionRecord, SubmissionStatus } from '../port.ts';
import type { SubmissionRow } from './submissions.ts';

/** The track statuses a decision leaves behind (a resubmission moves the track on, so its time is the next one's). */
const decidedStatuses = ['approved', 'rejected', 'changes_requested'];

/** The filter of tracks counted by the statistics; every value bound, never spliced. */
function trackScope(query: ReviewStatisticsQuery, column: 'submitted_at' | 'decided_at' = 'submitted_at') {
  const where = [`t.${column} >= @from`, `t.${column} < @before`, 't.submitted_at IS NOT NULL'];
  const params: Record<string, unknown> = { from: query.from, before: query.before };
  if (query.jurisdiction !== undefined) {
    where.push('t.jurisdiction = @jurisdiction');
    params.jurisdiction = query.jurisdiction;
  }
  return { where: where.join(' AND '), params };
}

/**
 * The review queue and review statistics in SQLite. The queue walks submission_tracks by
 * (jurisdiction, submitted_at) (migration 009); the statistics group in SQL, reading the stored reports'
 * clause results with JSON1, so no report is parsed in JavaScript.
 */
export function createReviewQueries(db: Database, withTracks: (row: SubmissionRow) => SubmissionRecord): ReviewQueries {
  return {
    async reviewQueue(query) {
      const where = ['t.jurisdiction = @jurisdiction', 't.submitted_at IS NOT NULL', 't.status IN (SELECT value FROM json_each(@statuses))'];
      const params: Record<string, unknown> = { jurisdiction: query.jurisdiction, statuses: JSON.stringify(query.statuses), limit: query.limit + 1 };
      if (query.standardCodes !== undefined) {
        where.push('s.standard_code IN (SELECT value FROM json_each(@codes))');
        params.codes = JSON.stringify(query.standardCodes);
      }
      if (query.submittedFrom !== undefined) {
        where.push('t.submitted_at >= @from');
        params.from = query.submittedFrom;
      }
      if (query.submittedBefore !== undefined) {
        where.push('t.submitted_at < @before');
        params.before = query.submittedBefore;
      }
      if (query.after !== undefined) {
        where.push('(t.submitted_at > @afterAt OR (t.submitted_at = @afterAt AND s.seq > @afterSeq))');
        params.afterAt = query.after.submittedAt;
        params.afterSeq = query.after.seq;
      }
      const rows = db.prepare(`SELECT s.*, t.submitted_at AS queue_submitted_at, r.conforms AS latest_conforms
        FROM submission_tracks t
        JOIN submissions s ON s.id = t.submission_id
        LEFT JOIN submission_revisions r ON r.submission_id = s.id AND r.number = s.revision
        WHERE ${where.join(' AND ')}
        ORDER BY t.submitted_at, s.seq
        LIMIT @limit`).all(params) as Array<SubmissionRow & { queue_submitted_at: string; latest_conforms: 0 | 1 | null }>;
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => ({ submission: withTracks(row), conforms: row.latest_conforms === 1 })),
        next: rows.length > query.limit && last ? { submittedAt: last.queue_submitted_at, seq: last.seq } : null,
      };
    },

    async monthlySubmissionCounts(query) {
      const scope = trackScope(query);
      const rows = db.prepare(`SELECT substr(t.submitted_at, 1, 7) AS month, t.status AS status, s.standard_code AS standardCode, COUNT(*) AS count
        FROM submission_tracks t JOIN submissions s ON s.id = t.submission_id
        WHERE ${scope.where}
        GROUP BY month, t.status, s.standard_code
        ORDER BY month, t.status, s.standard_code`).all(scope.params) as Array<{ month: string; status: SubmissionStatus; standardCode: string; count: number }>;
      return rows;
    },

    async failedClauses(query) {
      const scope = trackScope(query);
      const inScope = `SELECT s.id, s.standard_code, s.standard_version FROM submissions s
        WHERE EXISTS (SELECT 1 FROM submission_tracks t WHERE t.submission_id = s.id AND ${scope.where})
        ORDER BY s.seq DESC LIMIT @sample`;
      const found = db.prepare(`SELECT COUNT(*) FROM (${inScope})`).pluck().get({ ...scope.params, sample: query.sample + 1 }) as number;
      // A clause fails "as itself" when no sub-clause of it (5.2.1 under 5.2) fails in the same revision: the parent
      // fails only because the child does, and counting both would put the broadest clauses on top.
      const clauses = db.prepare(`WITH scope AS (${inScope}),
        failed AS (
          SELECT DISTINCT r.submission_id, r.number, c.value ->> 'clause' AS clause
          FROM scope JOIN submission_revisions r ON r.submission_id = scope.id AND r.conforms = 0, json_each(r.report, '$.clauses') c
          WHERE c.value ->> 'status' = 'fail' AND c.value ->> 'clause' IS NOT NULL
        ),
        leaves AS (
          SELECT f.submission_id, f.clause FROM failed f
          WHERE NOT EXISTS (SELECT 1 FROM failed g WHERE g.submission_id = f.submission_id AND g.number = f.number
            AND length(g.clause) > length(f.clause) AND substr(g.clause, 1, length(f.clause) + 1) = f.clause || '.')
        )
        SELECT scope.standard_code AS standardCode, scope.standard_version AS standardVersion, leaves.clause AS clause,
          COUNT(DISTINCT leaves.submission_id) AS submissions
        FROM leaves JOIN scope ON scope.id = leaves.submission_id
        GROUP BY scope.standard_code, scope.standard_version, leaves.clause
        ORDER BY submissions DESC, scope.standard_code, scope.standard_version, leaves.clause
        LIMIT @limit`).all({ ...scope.params, sample: query.sample, limit: query.limit }) as Array<{ standardCode: string; standardVersion: string; clause: string; submissions: number }>;
      return { clauses, examined: Math.min(found, query.sample), capped: found > query.sample };
    },

    async decisionTimes(query) {
      const scope = trackScope(query, 'decided_at');
      const where = `${scope.where} AND t.decided_at IS NOT NULL AND t.status IN (${decidedStatuses.map((s) => `'${s}'`).join(', ')})`;
      const decisions = db.prepare(`SELECT COUNT(*) FROM submission_tracks t WHERE ${where}`).pluck().get(scope.params) as number;
      const nth = db.prepare(`SELECT (unixepoch(t.decided_at, 'subsec') - unixepoch(t.submitted_at, 'subsec')) / 3600.0 AS hours
        FROM submission_tracks t WHERE ${where} ORDER BY hours LIMIT 1 OFFSET @offset`).pluck();
      const percentile = (p: number) => (decisions === 0 ? null : (nth.get({ ...scope.params, offset: Math.ceil(p * decisions) - 1 }) as number));
      return { decisions, medianHours: percentile(0.5), p90Hours: percentile(0.9) };
    },
  };
}
