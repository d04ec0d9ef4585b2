-- C2SP checkpoints: the witness keys that cosign them (public halves only; private halves are files in the
-- key vault) and every signed checkpoint the log issued, one per tree size, so any two can be proven
-- consistent later. Checkpoints are never edited or deleted; a witness key only gains a retirement date.

CREATE TABLE log_witnesses (
  kid TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  public_key TEXT NOT NULL CHECK (length(public_key) = 44),
  created_at TEXT NOT NULL,
  retired_at TEXT,
  seq INTEGER NOT NULL UNIQUE
);

CREATE TABLE log_checkpoints (
  tree_size INTEGER PRIMARY KEY CHECK (tree_size >= 0),
  root_hash TEXT NOT NULL CHECK (length(root_hash) = 64),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TRIGGER log_witnesses_immutable BEFORE UPDATE OF kid, name, jurisdiction, public_key, created_at, seq ON log_witnesses
BEGIN SELECT RAISE(ABORT, 'witness keys are immutable'); END;
CREATE TRIGGER log_witnesses_no_delete BEFORE DELETE ON log_witnesses
BEGIN SELECT RAISE(ABORT, 'witness keys are never deleted'); END;
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;
