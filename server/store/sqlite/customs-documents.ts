import type { Database } from 'better-sqlite3';
import type { CustomsDocumentRecord, CustomsDocumentRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface CustomsDocumentRow {
  id: string;
  number: string;
  attestation: string;
  jws: string;
  attestation_hash: string;
  issued_at: string;
  expires_at: string;
  requested_by: string;
}

function toRecord(row: CustomsDocumentRow): CustomsDocumentRecord {
  return {
    id: row.id, number: row.number, attestation: JSON.parse(row.attestation), jws: row.jws, attestationHash: row.attestation_hash,
    issuedAt: row.issued_at, expiresAt: row.expires_at, requestedBy: row.requested_by,
  };
}

/** Customs attestations in SQLite (immutable once written). */
export function createCustomsDocumentRepository(db: Database): CustomsDocumentRepository {
  const byId = db.prepare('SELECT * FROM customs_documents WHERE id = ?');
  const insert = db.prepare(`INSERT INTO customs_documents (id, number, attestation, jws, attestation_hash, issued_at, expires_at, requested_by)
    VALUES (@id, @number, @attestation, @jws, @attestationHash, @issuedAt, @expiresAt, @requestedBy)`);
  return {
    async get(id) {
      const row = byId.get(id) as CustomsDocumentRow | undefined;
      return row ? toRecord(row) : null;
    },
    async insert(document) {
      translateConstraint(`customs document ${document.id}`, () => insert.run({ ...document, attestation: JSON.stringify(document.attestation) }));
    },
  };
}
