import type { Jurisdiction, JurisdictionTrack, SubmissionRecord, SubmissionStatus } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

/**
 * The review state machine. Each jurisdiction a submission seeks approval in has its own track:
 *
 *   draft ──submit──▶ submitted ──review──▶ under_review ──approve──▶ approved
 *     │                  │                       ├──reject──▶ rejected
 *     │                  │                       └──request_changes──▶ changes_requested ──submit──▶ submitted
 *     └──withdraw──▶ withdrawn ◀──withdraw── (submitted, changes_requested)
 *
 * approved, rejected and withdrawn are terminal. Vendors act on the whole submission (their action
 * moves every track it applies to); regulators act on their own jurisdiction's track only.
 */
export const submissionStates: readonly SubmissionStatus[] = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn'];

export type TrackAction = 'submit' | 'withdraw' | 'review' | 'approve' | 'reject' | 'request_changes';
/** What a vendor does to the submission as a whole. */
export type VendorAction = 'submit' | 'withdraw' | 'revise' | 'attach';

const trackTransitions: Record<TrackAction, { from: readonly SubmissionStatus[]; to: SubmissionStatus }> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn' },
  review: { from: ['submitted'], to: 'under_review' },
  approve: { from: ['under_review'], to: 'approved' },
  reject: { from: ['under_review'], to: 'rejected' },
  request_changes: { from: ['under_review'], to: 'changes_requested' },
};

/** The overall states from which a vendor action is allowed. */
const vendorAllowed: Record<VendorAction, readonly SubmissionStatus[]> = {
  submit: ['draft', 'changes_requested'],
  revise: ['draft', 'changes_requested'],
  attach: ['draft', 'changes_requested'],
  withdraw: ['draft', 'submitted', 'changes_requested'],
};

/**
 * Which track state the overall status shows, most urgent first: while any jurisdiction is reviewing or
 * waiting to review, the vendor waits; then whether the vendor must act; then the final outcomes.
 */
const precedence: readonly SubmissionStatus[] = ['under_review', 'submitted', 'changes_requested', 'draft', 'approved', 'rejected', 'withdrawn'];

/** The submission's overall status: the highest-precedence state among its tracks. */
export function overallStatus(tracks: readonly JurisdictionTrack[]): SubmissionStatus {
  return precedence.find((state) => tracks.some((track) => track.status === state)) ?? 'draft';
}

/** A new track in draft. */
export function draftTrack(jurisdiction: Jurisdiction): JurisdictionTrack {
  return {
    jurisdiction, status: 'draft', submittedAt: null, reviewerId: null, reviewStartedAt: null,
    decision: null, decidedBy: null, decidedAt: null, decidedRevision: null, comment: null,
  };
}

/** Throws DomainError('invalid_state') with the current overall state unless the vendor may do `action` now. */
export function assertVendorMay(submission: SubmissionRecord, action: VendorAction): void {
  if (!vendorAllowed[action].includes(submission.status)) {
    throw new DomainError('invalid_state', `cannot ${action} a submission that is ${submission.status}`, { state: submission.status });
  }
}

/** The tracks a vendor action moves (those in a state the action leaves). */
export function tracksMovedBy(action: 'submit' | 'withdraw', tracks: readonly JurisdictionTrack[]): JurisdictionTrack[] {
  return tracks.filter((track) => trackTransitions[action].from.includes(track.status));
}

/** The state a track goes to by `action`; throws DomainError('invalid_state') with the track's state when not allowed. */
export function nextTrackState(track: JurisdictionTrack, action: TrackAction): SubmissionStatus {
  const transition = trackTransitions[action];
  if (!transition.from.includes(track.status)) {
    throw new DomainError('invalid_state', `cannot ${action.replace('_', ' ')} in ${track.jurisdiction}: the submission is ${track.status} there`, {
      state: track.status, jurisdiction: track.jurisdiction,
    });
  }
  return transition.to;
}

/** The submission with one track replaced and the overall status recomputed. */
export function withTrack(submission: SubmissionRecord, track: JurisdictionTrack, now: string): SubmissionRecord {
  const tracks = submission.tracks.map((t) => (t.jurisdiction === track.jurisdiction ? track : t));
  return { ...submission, tracks, status: overallStatus(tracks), updatedAt: now };
}
