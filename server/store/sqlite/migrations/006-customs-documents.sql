-- Customs documents get a readable, gapless number per importing jurisdiction and year, and name the
-- importing jurisdiction. Documents issued before this migration keep NULL in both (they were never numbered).

CREATE TABLE customs_document_counters (
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('IR', 'RU')),
  year INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence BETWEEN 1 AND 999999),
  PRIMARY KEY (jurisdiction, year)
);

ALTER TABLE customs_documents ADD COLUMN document_number TEXT;
ALTER TABLE customs_documents ADD COLUMN importing_jurisdiction TEXT CHECK (importing_jurisdiction IN ('IR', 'RU'));
CREATE UNIQUE INDEX customs_documents_by_number ON customs_documents (document_number);
