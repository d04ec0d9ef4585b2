import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('sqlite adapter: submissions are append-only where it matters', () => {
  it('when a revision, a decision or an attachment is edited or deleted through SQL, then the triggers refuse it', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir.path);
    const orgId = randomUUID();
    const id = randomUUID();
    const at = new Date().toISOString();
    await store.transaction(async (tx) => {
      await tx.organisations.insert({ id: orgId, name: 'Acme', kind: 'vendor', jurisdiction: null, createdAt: at });
      await tx.submissions.insert({
        id, orgId, createdBy: 'u', standardCode: 'S', standardVersion: '1.0.0', status: 'draft', revision: 1, manufacturer: 'Acme', model: 'M',
        tracks: [], createdAt: at, updatedAt: at,
      });
      await tx.submissions.insertRevision({
        submissionId: id, number: 1, product: { manufacturer: 'Acme', model: 'M', hsCode: '8517', countryOfOrigin: 'CN' }, spec: {}, specHash: 'h',
        conforms: true, report: {}, createdBy: 'u', createdAt: at,
      });
      await tx.submissions.insertDecision({ submissionId: id, jurisdiction: 'IR', revision: 1, decision: 'approve', comment: null, decidedBy: 'r', decidedAt: at });
      await tx.attachments.insert({ id: randomUUID(), submissionId: id, revision: 1, kind: 'other', fileName: 'a.pdf', mediaType: 'application/pdf', size: 1, sha256: 'a'.repeat(64), uploadedBy: 'u', createdAt: at });
    });
    await store.close();
    const db = new Database(join(dir.path, databaseFileName));
    for (const sql of [
      "UPDATE submission_revisions SET spec = '{\"forged\":true}'", 'DELETE FROM submission_revisions',
      "UPDATE submission_decisions SET decision = 'reject'", 'DELETE FROM submission_decisions',
      "UPDATE attachments SET sha256 = 'b'", 'DELETE FROM attachments',
    ]) assert.throws(() => db.prepare(sql).run(), /immutable/, sql);
    db.close();
    dir.remove();
  });
});
