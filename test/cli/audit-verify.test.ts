import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createUser } from '../../server/domain/accounts/users.ts';
import { actorFromUser } from '../../server/domain/accounts/actor.ts';
import { auditEventHash } from '../../server/domain/audit/audit-event.ts';
import { inProcessCheckRunner } from '../../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../../server/domain/conformance/index.ts';
import { publishStandard, uploadStandard } from '../../server/domain/standards/catalog.ts';
import { defaultLimits } from '../../server/config.ts';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';
import { runRegistryAt } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('registry audit verify', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const verify = async () => {
    const result = await runRegistryAt(dataDir, ['audit', 'verify']);
    return { ...result, report: result.stdout ? JSON.parse(result.stdout) : null };
  };
  const withDatabase = (work: (db: Database.Database) => void) => {
    const db = new Database(join(dataDir, databaseFileName));
    try {
      work(db);
    } finally {
      db.close();
    }
  };

  before(async () => {
    const store = openSqliteStore(dataDir);
    const engine = createConformanceEngine();
    const { user } = await createUser(store, { email: 'reg@cra.example', name: 'Reg', role: 'regulator', org: 'CRA', jurisdiction: 'IR' });
    const catalog = { store, checks: inProcessCheckRunner(engine), limits: defaultLimits };
    for (const doc of [commonDocument, radioDocument()]) {
      await uploadStandard(catalog, actorFromUser(user), doc, 'cli-test');
      await publishStandard(catalog, actorFromUser(user), doc.code, doc.version);
    }
    await createUser(store, { email: 'v@acme.example', name: 'V', role: 'vendor', org: 'Acme' });
    await store.close();
  });
  after(() => dir.remove());

  it('when the trail is intact, then it prints ok with the event count and head hash and exits 0', async () => {
    const { code, report, stderr } = await verify();
    assert.equal(code, 0, stderr);
    assert.equal(report.ok, true);
    assert.equal(report.events, 6);
    assert.match(report.head, /^[0-9a-f]{64}$/);
  });

  it('when an event is edited through SQL, then the trigger refuses it', async () => {
    withDatabase((db) => {
      assert.throws(() => db.prepare("UPDATE audit_events SET action = 'x' WHERE seq = 3").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit_events WHERE seq = 3').run(), /append-only/);
    });
    assert.equal((await verify()).code, 0);
  });

  it('when someone drops the trigger and rewrites an event, then verify names that event as the first broken link and exits 1', async () => {
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_events_append_only');
      db.prepare(`UPDATE audit_events SET summary = json_set(summary, '$.contentHash', 'forged') WHERE seq = 3`).run();
    });
    const { code, report } = await verify();
    assert.equal(code, 1);
    assert.equal(report.ok, false);
    assert.deepEqual([report.broken.seq, report.broken.reason], [3, 'hash_mismatch']);
    assert.equal(report.events, 2);
  });

  it('when the forger also recomputes that event\'s hash, then the next event\'s link breaks', async () => {
    withDatabase((db) => {
      const row = db.prepare('SELECT * FROM audit_events WHERE seq = 3').get() as Record<string, string | number | null>;
      const event = {
        seq: Number(row.seq), at: String(row.at), actorId: String(row.actor_id), orgId: String(row.org_id), action: String(row.action),
        subject: String(row.subject), summary: JSON.parse(String(row.summary)), requestId: row.request_id === null ? null : String(row.request_id),
        scope: row.scope === null ? null : JSON.parse(String(row.scope)), prevHash: String(row.prev_hash),
      };
      db.prepare('UPDATE audit_events SET hash = ? WHERE seq = 3').run(auditEventHash(event));
    });
    const { code, report } = await verify();
    assert.equal(code, 1);
    assert.deepEqual([report.broken.seq, report.broken.reason], [4, 'prev_hash_mismatch']);
  });

  it('when an event in the middle is deleted, then verify reports the gap', async () => {
    withDatabase((db) => {
      db.exec('DROP TRIGGER IF EXISTS audit_events_no_delete');
      db.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    });
    const { code, report } = await verify();
    assert.equal(code, 1);
    assert.deepEqual([report.broken.seq, report.broken.reason], [2, 'sequence_gap']);
  });

  it('when extra words are given, then it is a usage error (exit 2)', async () => {
    assert.equal((await runRegistryAt(dataDir, ['audit', 'verify', '--fix'])).code, 2);
  });
});
