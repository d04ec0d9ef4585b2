-- Web sign-in: a password per user (argon2id PHC string), server-side sessions, and the failed sign-ins
-- that throttle guessing. Session ids are stored as SHA-256 only, like API tokens.

ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  -- The secret the session's CSRF tokens are derived from.
  csrf_secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- The absolute end of the session, whatever its activity.
  expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- One row per failed sign-in, keyed by what it throttles (the e-mail address, the client address).
CREATE TABLE sign_in_failures (
  throttle_key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (throttle_key, at);
