-- Vendor submissions, their immutable revisions, per-jurisdiction review tracks, decisions, attachments,
-- and the hash-chained audit trail.

CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  created_by TEXT NOT NULL,
  standard_code TEXT NOT NULL,
  standard_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn')),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX submissions_org ON submissions (org_id, seq);
CREATE INDEX submissions_standard ON submissions (standard_code, seq);

CREATE TABLE submission_tracks (
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn')),
  submitted_at TEXT,
  reviewer_id TEXT,
  review_started_at TEXT,
  decision TEXT CHECK (decision IN ('approve', 'reject', 'request_changes')),
  decided_by TEXT,
  decided_at TEXT,
  decided_revision INTEGER,
  comment TEXT,
  PRIMARY KEY (submission_id, jurisdiction)
);
CREATE INDEX submission_tracks_jurisdiction ON submission_tracks (jurisdiction, status);

CREATE TABLE submission_revisions (
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  product TEXT NOT NULL,
  spec TEXT NOT NULL,
  spec_hash TEXT NOT NULL,
  conforms INTEGER NOT NULL CHECK (conforms IN (0, 1)),
  report TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (submission_id, number)
);

CREATE TABLE submission_decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  revision INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'request_changes')),
  comment TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX submission_decisions_submission ON submission_decisions (submission_id, seq);

CREATE TABLE attachments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('datasheet', 'test-report', 'photo', 'declaration', 'other')),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_submission ON attachments (submission_id, seq);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  org_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  summary TEXT NOT NULL,
  request_id TEXT,
  scope TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_events_subject ON audit_events (subject, seq);

-- Revisions, decisions, attachments and audit events are append-only, whatever code runs against the database.
CREATE TRIGGER submission_revisions_immutable BEFORE UPDATE ON submission_revisions
BEGIN SELECT RAISE(ABORT, 'submission revisions are immutable'); END;
CREATE TRIGGER submission_revisions_no_delete BEFORE DELETE ON submission_revisions
BEGIN SELECT RAISE(ABORT, 'submission revisions are immutable'); END;
CREATE TRIGGER submission_decisions_immutable BEFORE UPDATE ON submission_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER submission_decisions_no_delete BEFORE DELETE ON submission_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER attachments_immutable BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
