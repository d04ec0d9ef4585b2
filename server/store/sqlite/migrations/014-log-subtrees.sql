-- The transparency log's complete subtree hashes (server/domain/ledger/subtree-hashes.ts), so roots and proofs read
-- O(log n) rows instead of every leaf. Row (level, subtree_index) is MTH of leaves [subtree_index·2^level,
-- (subtree_index+1)·2^level) (RFC 9162 §2.1.1), written in the transaction that appends its last leaf. Level 0 is
-- not stored: it is log_leaves.leaf_hash. Leaves appended before this migration are filled in when the store opens
-- (server/store/sqlite/log-subtrees.ts: SQL has no SHA-256).
CREATE TABLE log_subtrees (
  level INTEGER NOT NULL CHECK (level >= 1 AND level <= 62),
  subtree_index INTEGER NOT NULL CHECK (subtree_index >= 0),
  -- SHA-256, 32 bytes.
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, subtree_index)
) WITHOUT ROWID;

CREATE TRIGGER log_subtrees_no_update BEFORE UPDATE ON log_subtrees
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_subtrees_no_delete BEFORE DELETE ON log_subtrees
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
