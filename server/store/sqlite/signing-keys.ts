import type { Database } from 'better-sqlite3';
import type { SigningKeyRecord, SigningKeyRepository } from '../port.ts';
import { organisationFromRow, type OrganisationRow } from './organisations.ts';
import { translateConstraint } from './sqlite-errors.ts';

interface SigningKeyRow {
  kid: string;
  purpose: SigningKeyRecord['purpose'];
  org_id: string | null;
  jurisdiction: SigningKeyRecord['jurisdiction'];
  public_jwk: string;
  created_at: string;
  retired_at: string | null;
}

function toRecord(row: SigningKeyRow): SigningKeyRecord {
  return {
    kid: row.kid,
    purpose: row.purpose,
    orgId: row.org_id,
    jurisdiction: row.jurisdiction,
    publicJwk: JSON.parse(row.public_jwk),
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

/** Public halves of the signing keys in SQLite (private halves live in files, see domain/credentials/key-vault.ts). */
export function createSigningKeyRepository(db: Database): SigningKeyRepository {
  const byKid = db.prepare('SELECT * FROM signing_keys WHERE kid = ?');
  const all = db.prepare('SELECT * FROM signing_keys ORDER BY seq');
  const active = db.prepare(`SELECT * FROM signing_keys WHERE purpose = @purpose AND org_id IS @orgId AND retired_at IS NULL
    ORDER BY seq DESC LIMIT 1`);
  const authorities = db.prepare(`SELECT * FROM organisations o WHERE o.kind = 'authority' ORDER BY o.created_at, o.name`);
  const insert = db.prepare(`INSERT INTO signing_keys (kid, purpose, org_id, jurisdiction, public_jwk, created_at, retired_at, seq)
    VALUES (@kid, @purpose, @orgId, @jurisdiction, @publicJwk, @createdAt, @retiredAt, (SELECT coalesce(max(seq), 0) + 1 FROM signing_keys))`);
  const retire = db.prepare('UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL');
  return {
    async get(kid) {
      const row = byKid.get(kid) as SigningKeyRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list() {
      return (all.all() as SigningKeyRow[]).map(toRecord);
    },
    async active(purpose, orgId) {
      const row = active.get({ purpose, orgId }) as SigningKeyRow | undefined;
      return row ? toRecord(row) : null;
    },
    async listAuthorities() {
      return (authorities.all() as OrganisationRow[]).map(organisationFromRow);
    },
    async insert(key) {
      translateConstraint(`signing key ${key.kid}`, () => insert.run({ ...key, publicJwk: JSON.stringify(key.publicJwk) }));
    },
    async retire(kid, at) {
      retire.run(at, kid);
    },
  };
}
