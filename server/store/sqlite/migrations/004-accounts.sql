-- Accounts: organisation kinds, disabled users, token expiry and labels.

ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'vendor'
  CHECK (kind IN ('authority', 'vendor', 'customs', 'operator'));

-- Backfill from who is in each organisation. An organisation that mixed roles (possible before this
-- migration) gets the kind of its most privileged members; its other members keep working but no new
-- user of a role that does not fit can join it.
UPDATE organisations SET kind = CASE
  WHEN EXISTS (SELECT 1 FROM users u WHERE u.org_id = organisations.id AND u.role = 'admin') THEN 'operator'
  WHEN jurisdiction IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.org_id = organisations.id AND u.role = 'regulator') THEN 'authority'
  WHEN jurisdiction IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.org_id = organisations.id AND u.role = 'customs') THEN 'customs'
  WHEN jurisdiction IS NOT NULL THEN 'authority'
  ELSE 'vendor'
END;

ALTER TABLE users ADD COLUMN disabled_at TEXT;

ALTER TABLE api_tokens ADD COLUMN name TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
-- Tokens issued before expiry existed get the default lifetime (90 days) from the upgrade, not from
-- their creation, so an upgrade never locks anybody out at once.
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE expires_at IS NULL;

CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);
