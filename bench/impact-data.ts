/**
 * Certified products written straight into an embedded store, for bench/impact.bench.ts and the impact unit tests:
 * per certificate its approved submission revision (the spec), the certificate row and its register row, by
 * prepared statements in one transaction (the benchmark measures the impact run, not issuance).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName } from '../server/store/sqlite/sqlite-store.ts';
import type { CertificateStatus } from '../server/store/port.ts';

/** One certified product: its spec, the standard version it was issued under, its recorded status and validity end. */
export interface CertifiedProduct {
  spec: unknown;
  standardVersion: string;
  status?: CertificateStatus;
  validUntil?: string;
}

/** The certificate number of the i-th product (1-based). */
export const benchNumber = (i: number) => `IRRU-IR-2026-${String(i).padStart(6, '0')}-0`;

/**
 * Writes `count` certified products of standard `code` into the store in `dataDir` (already migrated: open and close
 * the store first). Foreign keys are off on this connection: organisations, keys and submissions are not needed.
 */
export function fillCertified(dataDir: string, code: string, count: number, productOf: (i: number) => CertifiedProduct, onProgress?: (done: number) => void): void {
  const db = new Database(join(dataDir, databaseFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const first = (db.prepare('SELECT coalesce(max(seq), 0) FROM certificates').pluck().get() as number) + 1;
  const revision = db.prepare(`INSERT INTO submission_revisions (submission_id, number, product, spec, spec_hash, conforms, report, created_by, created_at)
    VALUES (?, 1, '{}', ?, 'bench', 1, '{}', 'bench', '2026-01-01T00:00:00.000Z')`);
  const certificate = db.prepare(`INSERT INTO certificates (number, jurisdiction, year, sequence, issuer_org_id, submission_id, revision, kid, jws,
      credential_hash, hs_code, model, valid_from, valid_until, issued_at, issued_by, seq)
    VALUES (?, 'IR', 2026, ?, 'bench-authority', ?, 1, 'bench-key', 'bench', 'bench', '8517.13.00', ?, '2026-01-01T00:00:00.000Z', ?, '2026-01-01T00:00:00.000Z', 'bench', ?)`);
  const register = db.prepare(`INSERT INTO certificate_register (position, number, jurisdiction, status, manufacturer, brand, model, variants, hs_code,
      standard_code, standard_version, issued_at, valid_until, manufacturer_key, model_key, hs_digits)
    VALUES (?, ?, 'IR', ?, 'Bench Maker', 'Bench', ?, '[]', '8517.13.00', ?, ?, '2026-01-01T00:00:00.000Z', ?, 'bench maker', ?, '85171300')`);
  db.transaction(() => {
    for (let i = 1; i <= count; i += 1) {
      const product = productOf(i);
      const seq = first + i - 1;
      const number = benchNumber(seq);
      const submission = `bench-submission-${seq}`;
      const model = `BM-${seq}`;
      const validUntil = product.validUntil ?? '2099-01-01T00:00:00.000Z';
      revision.run(submission, JSON.stringify(product.spec));
      certificate.run(number, seq, submission, model, validUntil, seq);
      register.run(seq, number, product.status ?? 'valid', model, code, product.standardVersion, validUntil, model.toLowerCase());
      if (onProgress && i % 10_000 === 0) onProgress(i);
    }
  })();
  db.close();
}
