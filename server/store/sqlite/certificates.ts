import type { Database } from 'better-sqlite3';
import type { CertificateEventRecord, CertificateRecord, CertificateRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface CertificateRow {
  number: string;
  jurisdiction: CertificateRecord['jurisdiction'];
  year: number;
  sequence: number;
  issuer_org_id: string;
  submission_id: string;
  revision: number;
  kid: string;
  jws: string;
  credential_hash: string;
  hs_code: string;
  model: string;
  valid_from: string;
  valid_until: string;
  issued_at: string;
  issued_by: string;
}

interface EventRow {
  number: string;
  action: CertificateEventRecord['action'];
  status: CertificateEventRecord['status'];
  reason: string | null;
  actor_id: string;
  at: string;
  leaf_index: number;
}

function toRecord(row: CertificateRow): CertificateRecord {
  return {
    number: row.number, jurisdiction: row.jurisdiction, year: row.year, sequence: row.sequence, issuerOrgId: row.issuer_org_id,
    submissionId: row.submission_id, revision: row.revision, kid: row.kid, jws: row.jws, credentialHash: row.credential_hash,
    hsCode: row.hs_code, model: row.model, validFrom: row.valid_from, validUntil: row.valid_until, issuedAt: row.issued_at, issuedBy: row.issued_by,
  };
}

function toEvent(row: EventRow): CertificateEventRecord {
  return { number: row.number, action: row.action, status: row.status, reason: row.reason, actorId: row.actor_id, at: row.at, leafIndex: row.leaf_index };
}

/** Certificates, their numbering counters and their events in SQLite. */
export function createCertificateRepository(db: Database): CertificateRepository {
  const byNumber = db.prepare('SELECT * FROM certificates WHERE number = ?');
  const bySubmission = db.prepare('SELECT * FROM certificates WHERE submission_id = ? ORDER BY seq');
  const events = db.prepare('SELECT * FROM certificate_events WHERE number = ? ORDER BY leaf_index');
  const bump = db.prepare(`INSERT INTO certificate_counters (jurisdiction, year, last_sequence) VALUES (?, ?, 1)
    ON CONFLICT (jurisdiction, year) DO UPDATE SET last_sequence = last_sequence + 1 RETURNING last_sequence`).pluck();
  const insert = db.prepare(`INSERT INTO certificates (number, jurisdiction, year, sequence, issuer_org_id, submission_id, revision, kid,
      jws, credential_hash, hs_code, model, valid_from, valid_until, issued_at, issued_by, seq)
    VALUES (@number, @jurisdiction, @year, @sequence, @issuerOrgId, @submissionId, @revision, @kid, @jws, @credentialHash, @hsCode,
      @model, @validFrom, @validUntil, @issuedAt, @issuedBy, (SELECT coalesce(max(seq), 0) + 1 FROM certificates))`);
  const insertEvent = db.prepare(`INSERT INTO certificate_events (number, action, status, reason, actor_id, at, leaf_index)
    VALUES (@number, @action, @status, @reason, @actorId, @at, @leafIndex)`);
  return {
    async get(number) {
      const row = byNumber.get(number) as CertificateRow | undefined;
      return row ? toRecord(row) : null;
    },
    async listBySubmission(submissionId) {
      return (bySubmission.all(submissionId) as CertificateRow[]).map(toRecord);
    },
    async events(number) {
      return (events.all(number) as EventRow[]).map(toEvent);
    },
    async nextSequence(jurisdiction, year) {
      return bump.get(jurisdiction, year) as number;
    },
    async insert(certificate) {
      translateConstraint(`certificate ${certificate.number} (or one for this submission revision in ${certificate.jurisdiction})`, () => insert.run(certificate));
    },
    async appendEvent(event) {
      insertEvent.run(event);
    },
  };
}
