import type { Database } from 'better-sqlite3';
import type {
  CertifiedSpec, ImpactOutcome, ImpactOutcomeRecord, ImpactRepository, ImpactRunRecord, OutlookFacts, TransitionRecord, TransitionRepository,
} from '../port.ts';

interface RunRow {
  id: string; code: string; version: string; content_hash: string; ran_by: string; started_at: string; finished_at: string | null;
  checked: number; conforming: number; failing: number; unchecked: number; clause_counts: string;
}

function toRun(row: RunRow): ImpactRunRecord {
  return {
    id: row.id, code: row.code, version: row.version, contentHash: row.content_hash, ranBy: row.ran_by, startedAt: row.started_at, finishedAt: row.finished_at,
    totals: { checked: row.checked, conforming: row.conforming, failing: row.failing, unchecked: row.unchecked },
    clauseCounts: JSON.parse(row.clause_counts) as Record<string, number>,
  };
}

/**
 * Impact runs in SQLite (migration 013). Certified specs are read in pages of ascending register position: the
 * register is scanned by its primary key (NOT INDEXED), so a whole run reads each register row once whichever
 * share of the register the code holds, and each page joins its certificate and approved revision by key.
 */
export function createImpactRepository(db: Database): ImpactRepository {
  const certified = `FROM certificate_register AS r NOT INDEXED
    WHERE r.standard_code = @code AND r.status IN ('valid', 'suspended') AND r.valid_until > @now`;
  const count = db.prepare(`SELECT count(*) ${certified}`).pluck();
  const page = db.prepare(`SELECT r.position, r.number, r.standard_version AS issuedUnder, v.spec
    FROM certificate_register AS r NOT INDEXED
    JOIN certificates AS c ON c.number = r.number
    JOIN submission_revisions AS v ON v.submission_id = c.submission_id AND v.number = c.revision
    WHERE r.position > @after AND r.standard_code = @code AND r.status IN ('valid', 'suspended') AND r.valid_until > @now
    ORDER BY r.position LIMIT @limit`).raw();
  const latest = db.prepare(`SELECT * FROM standard_impact_runs WHERE code = ? AND version = ? AND finished_at IS NOT NULL
    ORDER BY finished_at DESC LIMIT 1`);
  const outcomes = db.prepare(`SELECT number, issued_under, failing_clauses FROM standard_impact_outcomes
    WHERE run_id = @runId AND outcome = @outcome AND number > @after ORDER BY number LIMIT @limit`).raw();
  const outlooks = db.prepare(`SELECT r.number, r.standard_version, s.version, t.ends_at, o.outcome, o.failing_clauses
    FROM certificate_register AS r
    LEFT JOIN standards AS s ON s.code = r.standard_code AND s.status = 'published'
    LEFT JOIN standard_transitions AS t ON t.code = s.code AND t.version = s.version
    LEFT JOIN standard_impact_outcomes AS o ON o.run_id = t.impact_run_id AND o.number = r.number
    WHERE r.number IN (SELECT value FROM json_each(?))`).raw();
  const start = db.prepare(`INSERT INTO standard_impact_runs (id, code, version, content_hash, ran_by, started_at)
    VALUES (@id, @code, @version, @contentHash, @ranBy, @startedAt)`);
  const addOutcome = db.prepare(`INSERT INTO standard_impact_outcomes (run_id, number, issued_under, outcome, failing_clauses)
    VALUES (?, ?, ?, ?, ?)`);
  const finish = db.prepare(`UPDATE standard_impact_runs SET finished_at = @finishedAt, checked = @checked, conforming = @conforming,
    failing = @failing, unchecked = @unchecked, clause_counts = @clauseCounts WHERE id = @id`);
  const others = `SELECT id FROM standard_impact_runs WHERE code = @code AND version = @version AND id <> @id
    AND id NOT IN (SELECT impact_run_id FROM standard_transitions WHERE impact_run_id IS NOT NULL)`;
  const deleteOtherOutcomes = db.prepare(`DELETE FROM standard_impact_outcomes WHERE run_id IN (${others})`);
  const deleteOtherRuns = db.prepare(`DELETE FROM standard_impact_runs WHERE id IN (${others})`);
  const codeOf = db.prepare('SELECT code, version FROM standard_impact_runs WHERE id = ?');
  return {
    async countCertified(code, now) {
      return count.get({ code, now }) as number;
    },
    async certifiedSpecs(code, now, afterPosition, limit) {
      return (page.all({ code, now, after: afterPosition, limit }) as Array<[number, string, string, string]>).map(([position, number, issuedUnder, spec]): CertifiedSpec => ({
        position, number, issuedUnder, spec: JSON.parse(spec) as unknown,
      }));
    },
    async latestRun(code, version) {
      const row = latest.get(code, version) as RunRow | undefined;
      return row ? toRun(row) : null;
    },
    async outcomes(runId, outcome, afterNumber, limit) {
      return (outcomes.all({ runId, outcome, after: afterNumber ?? '', limit }) as Array<[string, string, string]>).map(([number, issuedUnder, clauses]): ImpactOutcomeRecord => ({
        runId, number, issuedUnder, outcome, failingClauses: JSON.parse(clauses) as string[],
      }));
    },
    async outlooks(numbers) {
      if (numbers.length === 0) return [];
      return (outlooks.all(JSON.stringify(numbers)) as Array<[string, string, string | null, string | null, ImpactOutcome | null, string | null]>).map(
        ([number, issuedUnder, newestVersion, transitionEndsAt, outcome, clauses]): OutlookFacts => ({
          number, issuedUnder, newestVersion, transitionEndsAt, outcome, failingClauses: clauses ? (JSON.parse(clauses) as string[]) : [],
        }));
    },
    async startRun(run) {
      start.run(run);
    },
    async addOutcomes(records) {
      for (const record of records) addOutcome.run(record.runId, record.number, record.issuedUnder, record.outcome, JSON.stringify(record.failingClauses));
    },
    async finishRun(id, finishedAt, totals, clauseCounts) {
      finish.run({ id, finishedAt, ...totals, clauseCounts: JSON.stringify(clauseCounts) });
      const run = codeOf.get(id) as { code: string; version: string } | undefined;
      if (!run) return;
      deleteOtherOutcomes.run({ ...run, id });
      deleteOtherRuns.run({ ...run, id });
    },
  };
}

interface TransitionRow {
  code: string; version: string; planned_days: number | null; planned_by: string | null; planned_at: string | null; days: number | null;
  published_at: string | null; ends_at: string | null; impact_run_id: string | null; supersedes: string;
}

/** Transition periods in SQLite (standard_transitions, migration 013). */
export function createTransitionRepository(db: Database): TransitionRepository {
  const get = db.prepare('SELECT * FROM standard_transitions WHERE code = ? AND version = ?');
  const plan = db.prepare(`INSERT INTO standard_transitions (code, version, planned_days, planned_by, planned_at) VALUES (@code, @version, @days, @by, @at)
    ON CONFLICT (code, version) DO UPDATE SET planned_days = excluded.planned_days, planned_by = excluded.planned_by, planned_at = excluded.planned_at`);
  const record = db.prepare(`INSERT INTO standard_transitions (code, version, days, published_at, ends_at, impact_run_id, supersedes)
    VALUES (@code, @version, @days, @publishedAt, @endsAt, @impactRunId, @supersedes)
    ON CONFLICT (code, version) DO UPDATE SET days = excluded.days, published_at = excluded.published_at, ends_at = excluded.ends_at,
      impact_run_id = excluded.impact_run_id, supersedes = excluded.supersedes`);
  return {
    async get(code, version) {
      const row = get.get(code, version) as TransitionRow | undefined;
      if (!row) return null;
      return {
        code: row.code, version: row.version, plannedDays: row.planned_days, plannedBy: row.planned_by, plannedAt: row.planned_at, days: row.days,
        publishedAt: row.published_at, endsAt: row.ends_at, impactRunId: row.impact_run_id, supersedes: JSON.parse(row.supersedes) as string[],
      } satisfies TransitionRecord;
    },
    async plan(code, version, days, by, at) {
      plan.run({ code, version, days, by, at });
    },
    async record(transition) {
      record.run({ ...transition, supersedes: JSON.stringify(transition.supersedes) });
    },
  };
}
