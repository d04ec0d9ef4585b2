import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { JurisdictionTrack, ReviewQueuePosition, RevisionRecord, Store, SubmissionRecord } from '../../server/store/port.ts';

function track(jurisdiction: 'IR' | 'RU', overrides: Partial<JurisdictionTrack> = {}): JurisdictionTrack {
  return {
    jurisdiction, status: 'submitted', submittedAt: null, reviewerId: null, reviewStartedAt: null, decision: null, decidedBy: null,
    decidedAt: null, decidedRevision: null, comment: null, ...overrides,
  };
}

/** A report whose clause results are `failing` (fail) and `passing` (pass). */
function report(failing: string[], passing: string[] = []) {
  return { conforms: failing.length === 0, clauses: [...failing.map((clause) => ({ clause, status: 'fail' })), ...passing.map((clause) => ({ clause, status: 'pass' }))], findings: [] };
}

/** Stores a submission with its tracks and one revision per report (the last is current). */
async function store(target: Store, orgId: string, standardCode: string, tracks: JurisdictionTrack[], reports = [report([])]): Promise<SubmissionRecord> {
  const now = new Date().toISOString();
  const submission: SubmissionRecord = {
    id: randomUUID(), orgId, createdBy: 'vendor', standardCode, standardVersion: '1.0.0', status: tracks[0]!.status, revision: reports.length,
    manufacturer: 'Acme', model: 'M-1', tracks, createdAt: now, updatedAt: now,
  };
  await target.transaction(async (tx) => {
    await tx.submissions.insert(submission);
    for (const [i, content] of reports.entries()) {
      const revision: RevisionRecord = {
        submissionId: submission.id, number: i + 1, product: { manufacturer: 'Acme', model: 'M-1', hsCode: '8517', countryOfOrigin: 'CN' },
        spec: { i }, specHash: `h${i}`, conforms: content.conforms, report: content, createdBy: 'vendor', createdAt: now,
      };
      await tx.submissions.insertRevision(revision);
    }
  });
  return submission;
}

async function newOrg(target: Store): Promise<string> {
  const org = { id: randomUUID(), name: `Vendor ${randomUUID()}`, kind: 'vendor' as const, jurisdiction: null, createdAt: new Date().toISOString() };
  await target.transaction((tx) => tx.organisations.insert(org));
  return org.id;
}

/**
 * The port's contract for the review queue and the review statistics (review-port.ts). Each test uses its own
 * standard codes or its own months long past, so what other tests store does not count.
 */
export function runReviewContract(getStore: () => Store): void {
  describe('review queue and statistics', () => {
    it('when a jurisdiction\'s queue is read, then it lists only its submitted tracks in the asked states, oldest first, page by page', async () => {
      const target = getStore();
      const org = await newOrg(target);
      const code = `Q${randomUUID().slice(0, 8).toUpperCase()}`;
      const at = (minute: number) => `2001-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      const third = await store(target, org, code, [track('IR', { submittedAt: at(3) })]);
      const first = await store(target, org, code, [track('IR', { submittedAt: at(1), status: 'under_review' }), track('RU', { submittedAt: at(9) })], [report(['5']), report([])]);
      const secondA = await store(target, org, code, [track('IR', { submittedAt: at(2) })], [report(['5'])]);
      const secondB = await store(target, org, code, [track('IR', { submittedAt: at(2) })]);
      await store(target, org, code, [track('RU', { submittedAt: at(0) })]);
      await store(target, org, code, [track('IR', { submittedAt: at(4), status: 'approved' })]);
      await store(target, org, code, [track('IR', { status: 'draft' })]);
      const query = { jurisdiction: 'IR' as const, statuses: ['submitted' as const, 'under_review' as const], standardCodes: [code] };
      const whole = await target.submissions.reviewQueue({ ...query, limit: 10 });
      assert.deepEqual(whole.items.map((item) => item.submission.id), [first.id, secondA.id, secondB.id, third.id]);
      assert.deepEqual(whole.items.map((item) => item.conforms), [true, false, true, true], 'the newest revision decides');
      assert.deepEqual(whole.items[0]!.submission, first);
      assert.equal(whole.next, null);
      const pages: string[] = [];
      let after: ReviewQueuePosition | null | undefined;
      do {
        const page = await target.submissions.reviewQueue({ ...query, limit: 1, ...(after ? { after } : {}) });
        pages.push(...page.items.map((item) => item.submission.id));
        after = page.next;
      } while (after);
      assert.deepEqual(pages, [first.id, secondA.id, secondB.id, third.id], 'equal submission times page by insertion order');
      const window = await target.submissions.reviewQueue({ ...query, submittedFrom: at(2), submittedBefore: at(3), limit: 10 });
      assert.deepEqual(window.items.map((item) => item.submission.id), [secondA.id, secondB.id]);
      assert.deepEqual((await target.submissions.reviewQueue({ ...query, standardCodes: [], limit: 10 })).items, []);
      assert.equal((await target.submissions.reviewQueue({ ...query, statuses: ['approved'], limit: 10 })).items.length, 1);
    });

    it('when submissions are counted by month, then each track counts in its jurisdiction by its status and standard', async () => {
      const target = getStore();
      const org = await newOrg(target);
      await store(target, org, 'M-ONE', [track('IR', { submittedAt: '1999-03-05T10:00:00.000Z' }), track('RU', { submittedAt: '1999-03-06T10:00:00.000Z', status: 'approved' })]);
      await store(target, org, 'M-ONE', [track('IR', { submittedAt: '1999-03-31T23:59:59.999Z', status: 'rejected' })]);
      await store(target, org, 'M-TWO', [track('IR', { submittedAt: '1999-04-01T00:00:00.000Z' })]);
      await store(target, org, 'M-TWO', [track('IR', { submittedAt: '1999-05-01T00:00:00.000Z' })]);
      const ir = await target.submissions.monthlySubmissionCounts({ jurisdiction: 'IR', from: '1999-03-01T00:00:00.000Z', before: '1999-05-01T00:00:00.000Z' });
      assert.deepEqual(ir, [
        { month: '1999-03', status: 'rejected', standardCode: 'M-ONE', count: 1 },
        { month: '1999-03', status: 'submitted', standardCode: 'M-ONE', count: 1 },
        { month: '1999-04', status: 'submitted', standardCode: 'M-TWO', count: 1 },
      ]);
      const both = await target.submissions.monthlySubmissionCounts({ from: '1999-03-01T00:00:00.000Z', before: '1999-04-01T00:00:00.000Z' });
      assert.deepEqual(both.map((row) => [row.status, row.count]), [['approved', 1], ['rejected', 1], ['submitted', 1]]);
    });

    it('when failed clauses are counted, then a submission counts once per clause it failed as itself, in any revision', async () => {
      const target = getStore();
      const org = await newOrg(target);
      const submitted = (day: number) => [track('IR', { submittedAt: `1998-06-${String(day).padStart(2, '0')}T00:00:00.000Z` })];
      // 5 and 5.2 fail only because 5.2.1 does; C.1 fails as itself beside C.11.
      await store(target, org, 'F-STD', submitted(1), [report(['5', '5.2', '5.2.1', 'C.1', 'C.11'], ['4']), report(['5', '5.2', '5.2.1']), report([], ['5'])]);
      await store(target, org, 'F-STD', submitted(2), [report(['5', '5.3']), report([])]);
      await store(target, org, 'F-STD', submitted(3), [report([])]);
      await store(target, org, 'F-STD', [track('RU', { submittedAt: '1998-06-04T00:00:00.000Z' })], [report(['5', '5.3']), report([])]);
      const query = { jurisdiction: 'IR' as const, from: '1998-06-01T00:00:00.000Z', before: '1998-07-01T00:00:00.000Z', sample: 100, limit: 10 };
      const summary = await target.submissions.failedClauses(query);
      assert.deepEqual(summary.clauses.map((row) => [row.standardCode, row.standardVersion, row.clause, row.submissions]), [
        ['F-STD', '1.0.0', '5.2.1', 1], ['F-STD', '1.0.0', '5.3', 1], ['F-STD', '1.0.0', 'C.1', 1], ['F-STD', '1.0.0', 'C.11', 1],
      ]);
      assert.deepEqual([summary.examined, summary.capped], [3, false]);
      const both = await target.submissions.failedClauses({ ...query, jurisdiction: undefined });
      assert.deepEqual(both.clauses[0], { standardCode: 'F-STD', standardVersion: '1.0.0', clause: '5.3', submissions: 2 });
      const capped = await target.submissions.failedClauses({ ...query, jurisdiction: undefined, sample: 1, limit: 1 });
      assert.deepEqual([capped.examined, capped.capped, capped.clauses.length], [1, true, 1]);
    });

    it('when decision times are summarised, then median and 90th percentile are nearest-rank hours over decided tracks', async () => {
      const target = getStore();
      const org = await newOrg(target);
      const decided = (submittedAt: string, decidedAt: string, status: JurisdictionTrack['status'] = 'approved') =>
        [track('RU', { submittedAt, decidedAt, status, decision: status === 'approved' ? 'approve' : 'reject', decidedBy: 'r' })];
      await store(target, org, 'T-STD', decided('1997-02-01T00:00:00.000Z', '1997-02-01T06:00:00.000Z'));
      await store(target, org, 'T-STD', decided('1997-02-01T00:00:00.000Z', '1997-02-02T00:00:00.000Z', 'rejected'));
      await store(target, org, 'T-STD', decided('1997-01-25T00:00:00.000Z', '1997-02-04T00:00:00.000Z', 'changes_requested'));
      await store(target, org, 'T-STD', decided('1997-02-01T00:00:00.000Z', '1997-02-01T01:30:00.000Z'));
      // Resubmitted after changes were asked: it waits again, so its old decision no longer counts.
      await store(target, org, 'T-STD', decided('1997-02-05T00:00:00.000Z', '1997-02-03T00:00:00.000Z', 'submitted'));
      const query = { jurisdiction: 'RU' as const, from: '1997-02-01T00:00:00.000Z', before: '1997-03-01T00:00:00.000Z' };
      assert.deepEqual(await target.submissions.decisionTimes(query), { decisions: 4, medianHours: 6, p90Hours: 240 });
      assert.deepEqual(await target.submissions.decisionTimes({ ...query, jurisdiction: 'IR' }), { decisions: 0, medianHours: null, p90Hours: null });
    });
  });
}
