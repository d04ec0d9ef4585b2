CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  jurisdiction TEXT CHECK (jurisdiction IN ('IR', 'RU')),
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'regulator', 'vendor', 'customs')),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  jurisdiction TEXT CHECK (jurisdiction IN ('IR', 'RU')),
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE standards (
  code TEXT NOT NULL,
  version TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  schema TEXT NOT NULL,
  schema_id TEXT UNIQUE,
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded', 'withdrawn')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_at TEXT,
  retired_at TEXT,
  seq INTEGER NOT NULL,
  PRIMARY KEY (code, version)
);

-- A published standard's content can never change, whatever code runs against the database.
CREATE TRIGGER standards_published_immutable
BEFORE UPDATE OF category, title, schema, schema_id, content_hash ON standards
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'published standard content is immutable');
END;
