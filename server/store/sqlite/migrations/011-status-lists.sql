-- W3C Bitstring Status Lists: each certificate's index in its issuing authority's lists, and each list's bits with
-- the credential signed when they last changed. The certificate row is written after its entry in the same
-- transaction, so the entry's reference to it is checked at commit. Entries never change; lists are never deleted.

CREATE TABLE status_entries (
  number TEXT PRIMARY KEY REFERENCES certificates(number) DEFERRABLE INITIALLY DEFERRED,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  status_index INTEGER NOT NULL CHECK (status_index >= 0),
  created_at TEXT NOT NULL,
  UNIQUE (org_id, status_index)
);

CREATE TABLE status_lists (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  page INTEGER NOT NULL CHECK (page >= 0),
  bits BLOB NOT NULL CHECK (length(bits) >= 16384),
  jws TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, purpose, page)
);

CREATE TRIGGER status_entries_no_update BEFORE UPDATE ON status_entries
BEGIN SELECT RAISE(ABORT, 'status list entries are immutable'); END;
CREATE TRIGGER status_entries_no_delete BEFORE DELETE ON status_entries
BEGIN SELECT RAISE(ABORT, 'status list entries are immutable'); END;
CREATE TRIGGER status_lists_no_delete BEFORE DELETE ON status_lists
BEGIN SELECT RAISE(ABORT, 'status lists are never deleted'); END;
CREATE TRIGGER status_lists_fixed_place BEFORE UPDATE OF org_id, purpose, page ON status_lists
BEGIN SELECT RAISE(ABORT, 'a status list keeps its authority, purpose and page'); END;
