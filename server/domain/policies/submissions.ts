import type { DecisionRecord, Jurisdiction, SubmissionQuery, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { forbidden, hidden, rule, type Refusal } from './rule.ts';

/**
 * Who sees a submission: the vendor organisation that owns it; regulators of a jurisdiction it has been
 * submitted to (drafts stay private); admins. Customs officers see none.
 */
export function canSeeSubmission(actor: Actor, submission: SubmissionRecord): boolean {
  switch (actor.role) {
    case 'vendor':
      return submission.orgId === actor.orgId;
    case 'regulator':
      return submission.tracks.some((track) => track.jurisdiction === actor.jurisdiction && track.submittedAt !== null);
    case 'admin':
      return true;
    default:
      return false;
  }
}

function visible(actor: Actor, submission: SubmissionRecord): true | Refusal {
  return canSeeSubmission(actor, submission) || hidden(`no submission ${submission.id}`);
}

/** Only the owning vendor organisation changes a submission; anyone else is told it does not exist. */
function ownedByVendor(actor: Actor, submission: SubmissionRecord): true | Refusal {
  return (actor.role === 'vendor' && submission.orgId === actor.orgId) || hidden(`no submission ${submission.id}`);
}

/** A regulator acts on a submission submitted to their jurisdiction, on that jurisdiction's track only. */
function reviewable(actor: Actor, submission: SubmissionRecord): true | Refusal {
  if (!actor.jurisdiction) return forbidden('a regulator without a jurisdiction reviews nothing');
  return visible(actor, submission);
}

/** Rules for submissions, their revisions, attachments and review workflow. */
export const submissionPolicies = {
  'submission.create': rule(['vendor']),
  'submission.import': rule(['vendor']),
  'submission.list': rule(['vendor', 'regulator', 'admin']),
  'submission.read': rule<SubmissionRecord>(['vendor', 'regulator', 'admin'], visible),
  'submission.revise': rule<SubmissionRecord>(['vendor'], ownedByVendor),
  'submission.attach': rule<SubmissionRecord>(['vendor'], ownedByVendor),
  'submission.submit': rule<SubmissionRecord>(['vendor'], ownedByVendor),
  'submission.withdraw': rule<SubmissionRecord>(['vendor'], ownedByVendor),
  'submission.review': rule<SubmissionRecord>(['regulator'], reviewable),
  'submission.decide': rule<SubmissionRecord>(['regulator'], reviewable),
  /** A regulator's review queue: the submissions sent to their own jurisdiction (reviewQueueScope). */
  'submission.queue': rule(['regulator']),
  /** Review statistics: a regulator's of their jurisdiction, an admin's of either or both (statisticsScope). */
  'submission.statistics': rule(['regulator', 'admin']),
  /** A vendor lists the certificates issued for their organisation's submissions (each certificate itself is public). */
  'submission.certificates': rule(['vendor']),
};

/** The jurisdiction whose review queue the actor works through (call after the 'submission.queue' gate). */
export function reviewQueueScope(actor: Actor): Jurisdiction {
  if (!actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction has no review queue');
  return actor.jurisdiction;
}

/** Whether the actor chooses whose statistics to see (admins), or sees only their own jurisdiction's (regulators). */
export function choosesStatisticsJurisdiction(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * The jurisdiction the actor's statistics count (call after the 'submission.statistics' gate): a regulator's own,
 * whatever is asked (asking for another is refused); an admin's choice, or both (undefined).
 */
export function statisticsScope(actor: Actor, asked: Jurisdiction | undefined): Jurisdiction | undefined {
  if (choosesStatisticsJurisdiction(actor)) return asked;
  if (!actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction has no statistics');
  if (asked !== undefined && asked !== actor.jurisdiction) throw new DomainError('forbidden', `regulators of ${actor.jurisdiction} see the statistics of ${actor.jurisdiction} only`);
  return actor.jurisdiction;
}

/** The part of a list query that limits it to what the actor may see (call after the 'submission.list' gate). */
export function submissionListScope(actor: Actor): Pick<SubmissionQuery, 'orgId' | 'jurisdiction'> {
  if (actor.role === 'vendor') return { orgId: actor.orgId };
  if (actor.role === 'regulator') {
    if (!actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction sees no submissions');
    return { jurisdiction: actor.jurisdiction };
  }
  return {};
}

/** A regulator sees only their own jurisdiction's track and decisions; others see all. */
export function visibleSubmissionParts(actor: Actor, submission: SubmissionRecord, decisions: DecisionRecord[]) {
  if (actor.role !== 'regulator') return { tracks: submission.tracks, decisions };
  return {
    tracks: submission.tracks.filter((track) => track.jurisdiction === actor.jurisdiction),
    decisions: decisions.filter((decision) => decision.jurisdiction === actor.jurisdiction),
  };
}
