-- Certificates, their events, the transparency log, signing keys (public halves only) and customs documents.
-- Everything here is append-only; triggers refuse edits whatever code runs against the database.

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('credential', 'log')),
  org_id TEXT REFERENCES organisations(id),
  jurisdiction TEXT CHECK (jurisdiction IN ('IR', 'RU')),
  public_jwk TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT,
  seq INTEGER NOT NULL UNIQUE,
  CHECK ((purpose = 'log') = (org_id IS NULL))
);

CREATE TABLE certificate_counters (
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  year INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence BETWEEN 1 AND 999999),
  PRIMARY KEY (jurisdiction, year)
);

CREATE TABLE log_leaves (
  leaf_index INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
  entry TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE certificates (
  number TEXT PRIMARY KEY,
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  issuer_org_id TEXT NOT NULL REFERENCES organisations(id),
  submission_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  kid TEXT NOT NULL REFERENCES signing_keys(kid),
  jws TEXT NOT NULL,
  credential_hash TEXT NOT NULL,
  hs_code TEXT NOT NULL,
  model TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  UNIQUE (jurisdiction, year, sequence),
  UNIQUE (submission_id, revision, jurisdiction)
);

CREATE TABLE certificate_events (
  number TEXT NOT NULL REFERENCES certificates(number),
  action TEXT NOT NULL CHECK (action IN ('issued', 'suspended', 'reinstated', 'revoked')),
  status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked')),
  reason TEXT,
  actor_id TEXT NOT NULL,
  at TEXT NOT NULL,
  leaf_index INTEGER NOT NULL UNIQUE REFERENCES log_leaves(leaf_index)
);
CREATE INDEX certificate_events_by_number ON certificate_events (number, leaf_index);

CREATE TABLE customs_documents (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL REFERENCES certificates(number),
  attestation TEXT NOT NULL,
  jws TEXT NOT NULL,
  attestation_hash TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  requested_by TEXT NOT NULL
);

CREATE TRIGGER signing_keys_immutable BEFORE UPDATE OF kid, purpose, org_id, jurisdiction, public_jwk, created_at, seq ON signing_keys
BEGIN SELECT RAISE(ABORT, 'signing keys are immutable'); END;
CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
BEGIN SELECT RAISE(ABORT, 'signing keys are never deleted'); END;
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are immutable'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are immutable'); END;
CREATE TRIGGER certificate_events_no_update BEFORE UPDATE ON certificate_events
BEGIN SELECT RAISE(ABORT, 'certificate events are append-only'); END;
CREATE TRIGGER certificate_events_no_delete BEFORE DELETE ON certificate_events
BEGIN SELECT RAISE(ABORT, 'certificate events are append-only'); END;
CREATE TRIGGER customs_documents_no_update BEFORE UPDATE ON customs_documents
BEGIN SELECT RAISE(ABORT, 'customs documents are immutable'); END;
CREATE TRIGGER customs_documents_no_delete BEFORE DELETE ON customs_documents
BEGIN SELECT RAISE(ABORT, 'customs documents are immutable'); END;
