-- The public register: one row of searchable facts per certificate, written in the same transaction as its
-- issuance and every status change, and a full-text index over manufacturer, brand, model and variants.
-- The facts come from the signed credential and never change; only status, status_reason and status_at do.
-- Certificates issued before this migration get their row from the application at start-up (the facts are in
-- the signed credential, which SQL cannot read): see server/domain/register/register-backfill.ts.

CREATE TABLE certificate_register (
  -- The certificate's issuance order (certificates.seq): the sort key (newest first is descending position),
  -- the keyset of the next page, and the full-text index's rowid. An INTEGER PRIMARY KEY, so VACUUM keeps it.
  position INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE REFERENCES certificates(number),
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked')),
  status_reason TEXT,
  status_at TEXT,
  manufacturer TEXT NOT NULL,
  brand TEXT NOT NULL,
  model TEXT NOT NULL,
  -- JSON array of strings.
  variants TEXT NOT NULL,
  hs_code TEXT NOT NULL,
  standard_code TEXT NOT NULL,
  standard_version TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  -- Folded for comparison by the application (case, accents, spacing): what the filters match.
  manufacturer_key TEXT NOT NULL,
  model_key TEXT NOT NULL,
  hs_digits TEXT NOT NULL,
  -- The HS code's chapter, heading and subheading: an HS filter is an equality on the longest level it covers
  -- (then in issuance order through its index), never a range over hs_digits that would have to be sorted.
  hs_chapter TEXT GENERATED ALWAYS AS (substr(hs_digits, 1, 2)) VIRTUAL,
  hs_heading TEXT GENERATED ALWAYS AS (substr(hs_digits, 1, 4)) VIRTUAL,
  hs_subheading TEXT GENERATED ALWAYS AS (substr(hs_digits, 1, 6)) VIRTUAL
);

-- SQLite ends every index with the rowid (here: position), so an equality on the indexed columns yields rows
-- already in issuance order: a page is an index range read backwards, never a sort.
CREATE INDEX certificate_register_by_jurisdiction ON certificate_register (jurisdiction);
CREATE INDEX certificate_register_by_status ON certificate_register (status);
CREATE INDEX certificate_register_by_manufacturer ON certificate_register (manufacturer_key);
CREATE INDEX certificate_register_by_manufacturer_status ON certificate_register (manufacturer_key, status);
CREATE INDEX certificate_register_by_model ON certificate_register (model_key);
CREATE INDEX certificate_register_by_hs_chapter ON certificate_register (hs_chapter);
CREATE INDEX certificate_register_by_hs_heading ON certificate_register (hs_heading);
CREATE INDEX certificate_register_by_hs_subheading ON certificate_register (hs_subheading);
CREATE INDEX certificate_register_by_standard ON certificate_register (standard_code, standard_version);
CREATE INDEX certificate_register_by_issued_at ON certificate_register (issued_at);

-- External-content FTS5 index over the register rows. A prefix query ("Huaw" → Huawei) of a length with a prefix
-- index is read lazily, newest first, like a whole word; without one FTS5 merges every posting of every matching
-- word first (on 1,000,000 certificates: 4 ms for "huaw", 70 ms for "galaxy a", against 0.1–0.3 ms with the index).
-- Prefixes of 1 to 12 characters are indexed (the index about doubles, 115 → 230 MB on 1,000,000 certificates); the
-- store matches a longer last word by its first 12 characters (server/store/sqlite/register.ts).
CREATE VIRTUAL TABLE certificate_register_text USING fts5(
  manufacturer, brand, model, variants,
  content = 'certificate_register', content_rowid = 'position',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8 9 10 11 12'
);

CREATE TRIGGER certificate_register_text_insert AFTER INSERT ON certificate_register
BEGIN
  INSERT INTO certificate_register_text (rowid, manufacturer, brand, model, variants)
  VALUES (new.position, new.manufacturer, new.brand, new.model, new.variants);
END;
CREATE TRIGGER certificate_register_text_delete AFTER DELETE ON certificate_register
BEGIN
  INSERT INTO certificate_register_text (certificate_register_text, rowid, manufacturer, brand, model, variants)
  VALUES ('delete', old.position, old.manufacturer, old.brand, old.model, old.variants);
END;
CREATE TRIGGER certificate_register_facts_immutable BEFORE UPDATE OF position, number, jurisdiction, manufacturer, brand, model,
  variants, hs_code, standard_code, standard_version, issued_at, valid_until, manufacturer_key, model_key, hs_digits ON certificate_register
BEGIN SELECT RAISE(ABORT, 'a register row''s facts come from the signed credential: only its status changes'); END;
