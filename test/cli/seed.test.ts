import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../server/domain/accounts/tokens.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/port.ts';
import { runRegistryAt } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

interface PrintedUser { id: string; email: string; role: string; organisation: string; jurisdiction: string | null; token: string }
interface PrintedSubmission { key: string; id: string; status: string; tracks: Record<string, string>; conforms: boolean }
interface PrintedCertificate { number: string; jurisdiction: string; submissionId: string; status: string }
interface Seeded { seeded: boolean; note: string; users: PrintedUser[]; submissions: PrintedSubmission[]; certificates: PrintedCertificate[] }

describe('registry seed --demo', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  let seeded: Seeded;
  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = openSqliteStore(dataDir);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const counts = () => withStore(async (store) => ({
    users: await store.users.count(),
    submissions: (await store.submissions.list({ limit: 1000 })).items.length,
    logLeaves: await store.transparencyLog.size(),
    auditEvents: (await store.audit.last())?.seq ?? 0,
  }));

  before(async () => {
    const init = await runRegistryAt(dataDir, ['init']);
    assert.equal(init.code, 0, init.stderr);
    const seed = await runRegistryAt(dataDir, ['seed', '--demo']);
    assert.equal(seed.code, 0, seed.stderr);
    seeded = JSON.parse(seed.stdout) as Seeded;
  });
  after(() => dir.remove());

  it('when seed --demo runs after init, then it prints every demo account with its role and token, and stores them', async () => {
    assert.equal(seeded.seeded, true);
    assert.match(seeded.note, /demo/i);
    const roles = seeded.users.map((u) => `${u.role}:${u.jurisdiction ?? '-'}`).sort();
    assert.deepEqual(roles, ['admin:-', 'customs:IR', 'customs:RU', 'regulator:IR', 'regulator:RU', 'vendor:-', 'vendor:-', 'vendor:-']);
    for (const printed of seeded.users) {
      assert.match(printed.organisation, /\(demo\)$/);
      assert.match(printed.token, /^irru_/);
      const stored = await withStore((store) => store.users.findByEmail(printed.email));
      assert.deepEqual([stored?.id, stored?.role, stored?.jurisdiction], [printed.id, printed.role, printed.jurisdiction]);
    }
    const regulatorIr = seeded.users.find((u) => u.role === 'regulator' && u.jurisdiction === 'IR')!;
    const authority = await withStore((store) => store.organisations.findByName(regulatorIr.organisation));
    assert.equal(authority?.jurisdiction, 'IR');
  });

  it('when a printed vendor token is looked up, then it authenticates that vendor', async () => {
    const vendor = seeded.users.find((u) => u.role === 'vendor')!;
    const owner = await withStore((store) => store.users.findByTokenHash(hashToken(vendor.token)));
    assert.deepEqual([owner?.id, owner?.role], [vendor.id, 'vendor']);
  });

  it('when the demo submissions are read back, then they sit in every workflow state, failing drafts included', async () => {
    const statuses = new Set(seeded.submissions.map((s) => s.status));
    for (const state of ['draft', 'submitted', 'under_review', 'changes_requested', 'approved']) assert.ok(statuses.has(state), `no ${state} submission`);
    assert.ok(seeded.submissions.some((s) => s.status === 'draft' && !s.conforms), 'no failing draft');
    await withStore(async (store) => {
      for (const printed of seeded.submissions) {
        const stored = (await store.submissions.get(printed.id))!;
        assert.equal(stored.status, printed.status, printed.key);
        assert.deepEqual(Object.fromEntries(stored.tracks.map((t) => [t.jurisdiction, t.status])), printed.tracks);
        assert.equal((await store.submissions.getRevision(printed.id, stored.revision))?.conforms, printed.conforms);
      }
    });
  });

  it('when approved demo submissions are checked, then their certificates were issued by the approval: decided, logged and audited', async () => {
    assert.ok(seeded.certificates.length >= 2);
    assert.deepEqual(seeded.certificates.map((c) => c.status).sort(), ['suspended', 'valid', 'valid']);
    await withStore(async (store) => {
      for (const printed of seeded.certificates) {
        const certificate = (await store.certificates.get(printed.number))!;
        assert.equal(certificate.submissionId, printed.submissionId);
        const decisions = await store.submissions.listDecisions(printed.submissionId);
        assert.ok(decisions.some((d) => d.decision === 'approve' && d.jurisdiction === printed.jurisdiction && d.decidedBy === certificate.issuedBy));
        const events = await store.certificates.events(printed.number);
        assert.equal(events[0]?.action, 'issued');
        assert.equal(events.at(-1)?.status, printed.status);
        const [leaf] = await store.transparencyLog.leaves(events[0]!.leafIndex, events[0]!.leafIndex + 1);
        assert.deepEqual(JSON.parse(leaf!.entry), { at: certificate.issuedAt, credentialHash: certificate.credentialHash, number: printed.number, status: 'valid', type: 'certificate.issued' });
        const audit = (await store.audit.list({ subject: `certificate:${printed.number}`, limit: 10 })).map((e) => e.action);
        assert.deepEqual(audit, printed.status === 'suspended' ? ['certificate.issue', 'certificate.suspend'] : ['certificate.issue']);
      }
    });
  });

  it('when the demo certificates are verified, then the valid one checks out (exit 0) and the suspended one says so (exit 1)', async () => {
    const valid = seeded.certificates.find((c) => c.status === 'valid')!;
    const ok = await runRegistryAt(dataDir, ['verify', valid.number]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.deepEqual(['integrity', 'issuer', 'status', 'log'].map((k) => JSON.parse(ok.stdout)[k]), ['valid', 'recognised', 'valid', 'included']);
    const suspended = await runRegistryAt(dataDir, ['verify', seeded.certificates.find((c) => c.status === 'suspended')!.number]);
    assert.equal(suspended.code, 1);
    assert.deepEqual(['integrity', 'status'].map((k) => JSON.parse(suspended.stdout)[k]), ['valid', 'suspended']);
    assert.equal((await runRegistryAt(dataDir, ['audit', 'verify'])).code, 0);
  });

  it('when seed --demo runs again, then it says the demo data is there (exit 0) and adds nothing', async () => {
    const before = await counts();
    const again = await runRegistryAt(dataDir, ['seed', '--demo']);
    assert.equal(again.code, 0, again.stderr);
    const printed = JSON.parse(again.stdout);
    assert.equal(printed.seeded, false);
    assert.match(printed.message, /already there/);
    assert.deepEqual(await counts(), before);
  });

  it('when seed runs without --demo or with extra words, then one usage line on stderr, exit 2, and nothing added', async () => {
    const before = await counts();
    for (const args of [['seed'], ['seed', '--demo', 'extra'], ['seed', '--bogus']]) {
      const result = await runRegistryAt(dataDir, args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
    assert.match((await runRegistryAt(dataDir, ['seed'])).stderr, /^registry: usage: registry seed --demo/);
    assert.deepEqual(await counts(), before);
  });
});
