-- Joint publication: a standard code shared between IR and RU is published only when an authority of each
-- jurisdiction approved the exact content hash of the draft. Approvals are signed by the approving authority's
-- credential key and never deleted: withdrawing one (or replacing the draft it approved) records when and why.

CREATE TABLE standard_sharing (
  code TEXT PRIMARY KEY,
  jurisdictions TEXT NOT NULL, -- JSON array, e.g. ["IR","RU"]
  marked_by TEXT NOT NULL,
  marked_at TEXT NOT NULL
);

CREATE TABLE standard_approvals (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  approved_at TEXT NOT NULL,
  jws TEXT NOT NULL,
  approval_hash TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawn_reason TEXT CHECK (withdrawn_reason IN ('withdrawn', 'replaced')),
  seq INTEGER NOT NULL,
  FOREIGN KEY (code, version) REFERENCES standards(code, version),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
);

-- One standing approval per jurisdiction and version.
CREATE UNIQUE INDEX standard_approvals_standing ON standard_approvals (code, version, jurisdiction) WHERE withdrawn_at IS NULL;
CREATE INDEX standard_approvals_by_version ON standard_approvals (code, version, seq);

-- What was approved and signed never changes; a withdrawal is recorded once.
CREATE TRIGGER standard_approvals_signed_immutable
BEFORE UPDATE OF id, code, version, content_hash, jurisdiction, org_id, user_id, approved_at, jws, approval_hash, seq ON standard_approvals
BEGIN SELECT RAISE(ABORT, 'a signed approval never changes'); END;
CREATE TRIGGER standard_approvals_withdrawn_once
BEFORE UPDATE OF withdrawn_at, withdrawn_by, withdrawn_reason ON standard_approvals
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an approval is withdrawn once'); END;
CREATE TRIGGER standard_approvals_no_delete BEFORE DELETE ON standard_approvals
BEGIN SELECT RAISE(ABORT, 'approvals are never deleted'); END;
CREATE TRIGGER standard_sharing_immutable BEFORE UPDATE ON standard_sharing
BEGIN SELECT RAISE(ABORT, 'a standard code stays shared or not as it was marked'); END;
CREATE TRIGGER standard_sharing_no_delete BEFORE DELETE ON standard_sharing
BEGIN SELECT RAISE(ABORT, 'a standard code stays shared or not as it was marked'); END;
