import type { Database } from 'better-sqlite3';
import type { CustomsDocumentRecord, CustomsDocumentRepository, Jurisdiction } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface CustomsDocumentRow {
  id: string;
  number: string;
  document_number: string | null;
  importing_jurisdiction: Jurisdiction | null;
  attestation: string;
  jws: string;
  attestation_hash: string;
  issued_at: string;
  expires_at: string;
  requested_by: string;
}

function toRecord(row: CustomsDocumentRow): CustomsDocumentRecord {
  return {
    id: row.id, number: row.number, documentNumber: row.document_number, importingJurisdiction: row.importing_jurisdiction,
    attestation: JSON.parse(row.attestation), jws: row.jws, attestationHash: row.attestation_hash,
    issuedAt: row.issued_at, expiresAt: row.expires_at, requestedBy: row.requested_by,
  };
}

/** Customs attestations in SQLite (immutable once written) and their numbering counters. */
export function createCustomsDocumentRepository(db: Database): CustomsDocumentRepository {
  const byId = db.prepare('SELECT * FROM customs_documents WHERE id = ?');
  const byNumber = db.prepare('SELECT * FROM customs_documents WHERE document_number = ?');
  const bump = db.prepare(`INSERT INTO customs_document_counters (jurisdiction, year, last_sequence) VALUES (?, ?, 1)
    ON CONFLICT (jurisdiction, year) DO UPDATE SET last_sequence = last_sequence + 1 RETURNING last_sequence`).pluck();
  const insert = db.prepare(`INSERT INTO customs_documents (id, number, document_number, importing_jurisdiction, attestation, jws, attestation_hash, issued_at, expires_at, requested_by)
    VALUES (@id, @number, @documentNumber, @importingJurisdiction, @attestation, @jws, @attestationHash, @issuedAt, @expiresAt, @requestedBy)`);
  return {
    async get(id) {
      const row = byId.get(id) as CustomsDocumentRow | undefined;
      return row ? toRecord(row) : null;
    },
    async getByNumber(documentNumber) {
      const row = byNumber.get(documentNumber) as CustomsDocumentRow | undefined;
      return row ? toRecord(row) : null;
    },
    async nextSequence(jurisdiction, year) {
      return bump.get(jurisdiction, year) as number;
    },
    async insert(document) {
      translateConstraint(`customs document ${document.documentNumber ?? document.id}`, () => insert.run({ ...document, attestation: JSON.stringify(document.attestation) }));
    },
  };
}
