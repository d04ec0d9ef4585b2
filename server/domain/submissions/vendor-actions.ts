import type { JurisdictionTrack, StoreTransaction, SubmissionRecord } from '../../store/port.ts';
import { appendAudit } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { submissionEventScope } from '../policies/index.ts';
import { loadSubmissionFor } from './access.ts';
import { certifiableProduct, type CertifiableRevision } from './certifiable.ts';
import { submissionSubject, type ActingUser, type SubmissionContext } from './submission-context.ts';
import { assertVendorMay, overallStatus, tracksMovedBy } from './workflow.ts';

async function assertSubmittable(tx: StoreTransaction, submission: SubmissionRecord, tracks: readonly JurisdictionTrack[]): Promise<void> {
  const revision = await tx.submissions.getRevision(submission.id, submission.revision);
  if (!revision?.conforms) {
    const failures = Array.isArray(revision?.report.findings) ? revision.report.findings.length : undefined;
    throw new DomainError('not_conforming', `revision ${submission.revision} does not conform to ${submission.standardCode}@${submission.standardVersion}; fix the failing clauses and revise it`, {
      revision: submission.revision, failures,
    });
  }
  const standard = await tx.standards.get(submission.standardCode, submission.standardVersion);
  if (standard?.status !== 'published' && standard?.status !== 'superseded') {
    throw new DomainError('conflict', `${submission.standardCode}@${submission.standardVersion} is ${standard?.status ?? 'gone'}; submissions can no longer be made against it`);
  }
  // What review would certify is checked now, so a vendor learns it before a regulator's time is spent.
  const report = revision.report as unknown as CertifiableRevision['report'];
  for (const track of tracks) certifiableProduct({ standard, report, spec: revision.spec }, track.jurisdiction);
}

function moved(track: JurisdictionTrack, action: 'submit' | 'withdraw', now: string): JurisdictionTrack {
  if (action === 'withdraw') return { ...track, status: 'withdrawn' };
  // A resubmission is taken into review afresh; the last decision stays visible until the next one.
  return { ...track, status: 'submitted', submittedAt: now, reviewerId: null, reviewStartedAt: null };
}

/**
 * Submit (draft or changes_requested → submitted, only with a conforming newest revision) or withdraw
 * (draft, submitted or changes_requested → withdrawn, terminal). Moves every jurisdiction's track the
 * action applies to; tracks already decided stay as they are.
 */
async function vendorTransition(ctx: SubmissionContext, acting: ActingUser, id: string, action: 'submit' | 'withdraw'): Promise<SubmissionRecord> {
  return ctx.store.transaction(async (tx) => {
    const current = await loadSubmissionFor(tx.submissions, acting.actor, `submission.${action}`, id);
    assertVendorMay(current, action);
    const movedTracks = tracksMovedBy(action, current.tracks);
    if (action === 'submit') await assertSubmittable(tx, current, movedTracks);
    const now = new Date().toISOString();
    const tracks = current.tracks.map((track) => (movedTracks.includes(track) ? moved(track, action, now) : track));
    const submission: SubmissionRecord = { ...current, tracks, status: overallStatus(tracks), updatedAt: now };
    await tx.submissions.update(submission);
    await appendAudit(tx, acting, {
      action: `submission.${action}`,
      subject: submissionSubject(id),
      summary: { revision: current.revision, jurisdictions: movedTracks.map((t) => t.jurisdiction), from: current.status, to: submission.status },
      scope: submissionEventScope(submission),
    });
    return submission;
  });
}

/** Submits the newest revision for review in every jurisdiction still open (draft or changes_requested). */
export function submitSubmission(ctx: SubmissionContext, acting: ActingUser, id: string): Promise<SubmissionRecord> {
  return vendorTransition(ctx, acting, id, 'submit');
}

/** Withdraws the submission from every jurisdiction not yet under review or decided. Withdrawn is terminal. */
export function withdrawSubmission(ctx: SubmissionContext, acting: ActingUser, id: string): Promise<SubmissionRecord> {
  return vendorTransition(ctx, acting, id, 'withdraw');
}
