import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { isDomainError } from '../../server/domain/errors.ts';
import type {
  AttachmentRecord, AuditEventRecord, JurisdictionTrack, RevisionRecord, Store, SubmissionRecord,
} from '../../server/store/port.ts';

const now = () => new Date().toISOString();

function track(jurisdiction: 'IR' | 'RU', overrides: Partial<JurisdictionTrack> = {}): JurisdictionTrack {
  return {
    jurisdiction, status: 'draft', submittedAt: null, reviewerId: null, reviewStartedAt: null, decision: null, decidedBy: null,
    decidedAt: null, decidedRevision: null, comment: null, ...overrides,
  };
}

function submission(orgId: string, overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    id: randomUUID(), orgId, createdBy: 'vendor', standardCode: 'STD', standardVersion: '1.0.0', status: 'draft', revision: 1,
    manufacturer: 'Acme', model: 'M-1', tracks: [track('IR')], createdAt: now(), updatedAt: now(), ...overrides,
  };
}

function revision(submissionId: string, number: number, overrides: Partial<RevisionRecord> = {}): RevisionRecord {
  return {
    submissionId, number, product: { manufacturer: 'Acme', model: 'M-1', hsCode: '8517', countryOfOrigin: 'CN' },
    spec: { power: number, 'dotted.key': true }, specHash: `h${number}`, conforms: number % 2 === 0,
    report: { conforms: number % 2 === 0, findings: [] }, createdBy: 'vendor', createdAt: now(), ...overrides,
  };
}

async function newOrg(store: Store): Promise<string> {
  const org = { id: randomUUID(), name: `Vendor ${randomUUID()}`, kind: 'vendor' as const, jurisdiction: null, createdAt: now() };
  await store.transaction((tx) => tx.organisations.insert(org));
  return org.id;
}

/**
 * The port's contract for submissions (with tracks, revisions, decisions), attachments, the audit trail and
 * the file area; runs inside runStoreContract on the same store.
 */
export function runSubmissionsContract(getStore: () => Store): void {
  describe('submissions, attachments, audit, files', () => {
    it('when a submission is stored with revisions, then it reads back whole and revisions never collide', async () => {
      const store = getStore();
      const record = submission(await newOrg(store), { tracks: [track('IR'), track('RU')] });
      await store.transaction(async (tx) => {
        await tx.submissions.insert(record);
        await tx.submissions.insertRevision(revision(record.id, 1));
      });
      assert.deepEqual(await store.submissions.get(record.id), record);
      assert.deepEqual(await store.submissions.getRevision(record.id, 1), revision(record.id, 1, { createdAt: (await store.submissions.getRevision(record.id, 1))!.createdAt }));
      await assert.rejects(store.transaction((tx) => tx.submissions.insertRevision(revision(record.id, 1, { specHash: 'other' }))), (e) => isDomainError(e, 'conflict'));
      assert.equal((await store.submissions.getRevision(record.id, 1))?.specHash, 'h1');
      assert.equal(await store.submissions.get(randomUUID()), null);
      assert.equal(await store.submissions.getRevision(record.id, 2), null);
    });

    it('when a submission is updated, then its summary and tracks change and revisions and decisions list in order', async () => {
      const store = getStore();
      const record = submission(await newOrg(store));
      await store.transaction(async (tx) => {
        await tx.submissions.insert(record);
        await tx.submissions.insertRevision(revision(record.id, 1));
      });
      const moved = { ...record, status: 'under_review' as const, revision: 2, model: 'M-2', tracks: [track('IR', { status: 'under_review', submittedAt: now(), reviewerId: 'reg' })], updatedAt: now() };
      await store.transaction(async (tx) => {
        await tx.submissions.insertRevision(revision(record.id, 2));
        await tx.submissions.update(moved);
        await tx.submissions.insertDecision({ submissionId: record.id, jurisdiction: 'IR', revision: 2, decision: 'request_changes', comment: 'fix 5.1', decidedBy: 'reg', decidedAt: now() });
        await tx.submissions.insertDecision({ submissionId: record.id, jurisdiction: 'IR', revision: 2, decision: 'approve', comment: null, decidedBy: 'reg', decidedAt: now() });
      });
      assert.deepEqual(await store.submissions.get(record.id), moved);
      assert.deepEqual((await store.submissions.listRevisions(record.id)).map((r) => [r.number, r.conforms]), [[1, false], [2, true]]);
      assert.deepEqual((await store.submissions.listDecisions(record.id)).map((d) => d.decision), ['request_changes', 'approve']);
    });

    it('when submissions are listed, then filters, visibility and keyset pages apply, newest first', async () => {
      const store = getStore();
      const org = await newOrg(store);
      const code = `L${randomUUID().slice(0, 6).toUpperCase()}`;
      const records = [
        submission(org, { standardCode: code, model: 'Alpha_1' }),
        submission(org, { standardCode: code, model: 'Beta', status: 'submitted', tracks: [track('IR', { status: 'submitted', submittedAt: now() })] }),
        submission(org, { standardCode: code, model: 'Gamma', manufacturer: 'Omega 100%', tracks: [track('RU', { status: 'submitted', submittedAt: now() })], status: 'submitted' }),
      ];
      for (const record of records) await store.transaction((tx) => tx.submissions.insert(record));
      const ids = async (query: Parameters<Store['submissions']['list']>[0]) => (await store.submissions.list(query)).items.map((s) => s.model);
      assert.deepEqual(await ids({ standardCode: code, limit: 10 }), ['Gamma', 'Beta', 'Alpha_1']);
      assert.deepEqual(await ids({ standardCode: code, orgId: randomUUID(), limit: 10 }), []);
      assert.deepEqual(await ids({ standardCode: code, jurisdiction: 'IR', limit: 10 }), ['Beta']);
      assert.deepEqual(await ids({ standardCode: code, jurisdiction: 'RU', status: 'submitted', limit: 10 }), ['Gamma']);
      assert.deepEqual(await ids({ standardCode: code, status: 'draft', limit: 10 }), ['Alpha_1']);
      assert.deepEqual(await ids({ standardCode: code, text: 'a_1', limit: 10 }), ['Alpha_1']);
      assert.deepEqual(await ids({ standardCode: code, text: '100%', limit: 10 }), ['Gamma']);
      assert.deepEqual(await ids({ standardCode: code, text: '_', limit: 10 }), ['Alpha_1']);
      const first = await store.submissions.list({ standardCode: code, limit: 2 });
      assert.deepEqual(first.items.map((s) => s.model), ['Gamma', 'Beta']);
      assert.notEqual(first.next, null);
      const second = await store.submissions.list({ standardCode: code, limit: 2, after: first.next! });
      assert.deepEqual(second.items.map((s) => s.model), ['Alpha_1']);
      assert.equal(second.next, null);
    });

    it('when attachments are stored, then they list in upload order per submission', async () => {
      const store = getStore();
      const record = submission(await newOrg(store));
      const attachment = (name: string): AttachmentRecord => ({
        id: randomUUID(), submissionId: record.id, revision: 1, kind: 'datasheet', fileName: name, mediaType: 'application/pdf',
        size: 3, sha256: 'a'.repeat(64), uploadedBy: 'vendor', createdAt: now(),
      });
      const [a, b] = [attachment('a.pdf'), attachment('b.pdf')];
      await store.transaction(async (tx) => {
        await tx.submissions.insert(record);
        await tx.attachments.insert(a);
        await tx.attachments.insert(b);
      });
      assert.deepEqual(await store.attachments.list(record.id), [a, b]);
      assert.deepEqual(await store.attachments.get(record.id, b.id), b);
      assert.equal(await store.attachments.get(randomUUID(), b.id), null);
    });

    it('when audit events are appended, then they read back in order, by subject and by scope, and a repeated seq conflicts', async () => {
      const store = getStore();
      const subject = `test:${randomUUID()}`;
      const base = (await store.audit.last())?.seq ?? 0;
      const event = (seq: number, scope: AuditEventRecord['scope']): AuditEventRecord => ({
        seq, at: now(), actorId: 'a', orgId: 'o', action: 'test.act', subject, summary: { n: seq, nested: { x: [1] } }, requestId: null,
        scope, prevHash: String(seq - 1).padStart(64, '0'), hash: String(seq).padStart(64, 'f'),
      });
      const events = [event(base + 1, null), event(base + 2, ['IR']), event(base + 3, ['IR', 'RU']), event(base + 4, [])];
      await store.transaction(async (tx) => {
        for (const e of events) await tx.audit.append(e);
      });
      assert.deepEqual(await store.audit.last(), events[3]);
      assert.deepEqual(await store.audit.list({ subject, limit: 10 }), events);
      assert.deepEqual((await store.audit.list({ subject, jurisdiction: 'RU', limit: 10 })).map((e) => e.seq), [base + 1, base + 3]);
      assert.deepEqual((await store.audit.list({ subject, afterSeq: base + 2, limit: 1 })).map((e) => e.seq), [base + 3]);
      await assert.rejects(store.transaction((tx) => tx.audit.append({ ...event(base + 4, null), hash: 'e'.repeat(64) })), (e) => isDomainError(e, 'conflict'));
    });

    it('when bytes are put in the file area, then they come back by their SHA-256, and unknown or malformed hashes give null', async () => {
      const store = getStore();
      const bytes = new TextEncoder().encode(`file ${randomUUID()}`);
      const stored = await store.files.put(bytes);
      assert.match(stored.sha256, /^[0-9a-f]{64}$/);
      assert.equal(stored.size, bytes.byteLength);
      assert.deepEqual(await store.files.put(bytes), stored);
      assert.deepEqual(Buffer.from((await store.files.get(stored.sha256))!), Buffer.from(bytes));
      assert.equal(await store.files.get('0'.repeat(64)), null);
      assert.equal(await store.files.get('../../etc/passwd'), null);
    });
  });
}
