-- Impact analysis of a draft standard version and the transition period recorded when a version is published
-- (server/domain/standards/impact/, server/domain/standards/transition/).

-- One run: every certified product's stored spec re-checked against one draft's content (its content hash).
-- A run is written while it goes (finished_at NULL); only finished runs are read. Finishing a run deletes the
-- earlier runs of the same code and version, so a draft keeps its newest result.
CREATE TABLE standard_impact_runs (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ran_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- Certificates checked, those that would still conform, those that would fail, those that could not be checked.
  checked INTEGER NOT NULL DEFAULT 0,
  conforming INTEGER NOT NULL DEFAULT 0,
  failing INTEGER NOT NULL DEFAULT 0,
  unchecked INTEGER NOT NULL DEFAULT 0,
  -- JSON object: clause id → number of certificates that would fail it.
  clause_counts TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX standard_impact_runs_by_version ON standard_impact_runs (code, version);

-- What the run found for each certificate it covered.
CREATE TABLE standard_impact_outcomes (
  run_id TEXT NOT NULL REFERENCES standard_impact_runs(id),
  number TEXT NOT NULL,
  -- The version of the code the certificate was issued under.
  issued_under TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('conforms', 'fails', 'unchecked')),
  -- JSON array of the clause ids the spec would fail (empty unless outcome = 'fails').
  failing_clauses TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, number)
) WITHOUT ROWID;
CREATE INDEX standard_impact_outcomes_by_outcome ON standard_impact_outcomes (run_id, outcome, number);

-- The transition period of a version: planned on the draft (planned_days, NULL = the configured default) and
-- recorded when it is published (days, published_at, ends_at, and the impact run of the published content).
CREATE TABLE standard_transitions (
  code TEXT NOT NULL,
  version TEXT NOT NULL,
  planned_days INTEGER CHECK (planned_days BETWEEN 0 AND 3650),
  planned_by TEXT,
  planned_at TEXT,
  days INTEGER CHECK (days BETWEEN 0 AND 3650),
  published_at TEXT,
  ends_at TEXT,
  impact_run_id TEXT REFERENCES standard_impact_runs(id),
  -- JSON array of the versions this publication superseded.
  supersedes TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (code, version),
  FOREIGN KEY (code, version) REFERENCES standards(code, version)
);
