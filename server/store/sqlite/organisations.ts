import type { Database } from 'better-sqlite3';
import type { OrganisationRecord, OrganisationRepository } from '../port.ts';
import { translateConstraint } from './sqlite-errors.ts';

/** An `organisations` row as SQLite returns it. */
export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationRecord['kind'];
  jurisdiction: OrganisationRecord['jurisdiction'];
  created_at: string;
}

/** The record of an `organisations` row. */
export function organisationFromRow(row: OrganisationRow): OrganisationRecord {
  return { id: row.id, name: row.name, kind: row.kind, jurisdiction: row.jurisdiction, createdAt: row.created_at };
}

function toRecord(row: OrganisationRow | undefined): OrganisationRecord | null {
  return row ? organisationFromRow(row) : null;
}

/** Organisations in SQLite. */
export function createOrganisationRepository(db: Database): OrganisationRepository {
  const byId = db.prepare('SELECT * FROM organisations WHERE id = ?');
  const byName = db.prepare('SELECT * FROM organisations WHERE name = ?');
  const insert = db.prepare('INSERT INTO organisations (id, name, kind, jurisdiction, created_at) VALUES (?, ?, ?, ?, ?)');
  return {
    async get(id) {
      return toRecord(byId.get(id) as OrganisationRow | undefined);
    },
    async findByName(name) {
      return toRecord(byName.get(name) as OrganisationRow | undefined);
    },
    async insert(org) {
      translateConstraint(`organisation "${org.name}"`, () => insert.run(org.id, org.name, org.kind, org.jurisdiction, org.createdAt));
    },
  };
}
