-- Every version of a standard code belongs to the authority (organisation) whose regulator first uploaded
-- the code; NULL for the standards the registry itself published (the shipped joint IR–RU standards).
ALTER TABLE standards ADD COLUMN owner_org_id TEXT;

-- Versions uploaded before ownership was recorded belong to the organisation of their uploader's first version.
UPDATE standards SET owner_org_id = (
  SELECT users.org_id FROM standards AS first JOIN users ON users.id = first.created_by
  WHERE first.code = standards.code ORDER BY first.seq LIMIT 1
);

-- Ownership never changes hands, whatever code runs against the database.
CREATE TRIGGER standards_owner_immutable
BEFORE UPDATE OF owner_org_id ON standards
BEGIN
  SELECT RAISE(ABORT, 'the owner of a standard never changes');
END;
