import type { DecisionRecord, SubmissionQuery, SubmissionRecord } from '../../store/port.ts';
import { requireRole, type Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';

/**
 * Who sees a submission: the vendor organisation that owns it; regulators of a jurisdiction it has been
 * submitted to (drafts stay private); admins. Customs officers see none.
 */
export function canSee(actor: Actor, submission: SubmissionRecord): boolean {
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

/**
 * The submission when the actor may see it. Customs officers get 'forbidden'; anyone else who may not
 * see it gets 'not_found', exactly as for an id that does not exist, so ids cannot be probed.
 */
export function requireVisible(actor: Actor, submission: SubmissionRecord | null, id: string): SubmissionRecord {
  requireRole(actor, 'vendor', 'regulator', 'admin');
  if (!submission || !canSee(actor, submission)) throw new DomainError('not_found', `no submission ${id}`);
  return submission;
}

/** The part of a list query that limits it to what the actor may see. */
export function visibleScope(actor: Actor): Pick<SubmissionQuery, 'orgId' | 'jurisdiction'> {
  requireRole(actor, 'vendor', 'regulator', 'admin');
  if (actor.role === 'vendor') return { orgId: actor.orgId };
  if (actor.role === 'regulator') {
    if (!actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction sees no submissions');
    return { jurisdiction: actor.jurisdiction };
  }
  return {};
}

/** A regulator sees only their own jurisdiction's track and decisions; others see all. */
export function visibleParts(actor: Actor, submission: SubmissionRecord, decisions: DecisionRecord[]) {
  if (actor.role !== 'regulator') return { tracks: submission.tracks, decisions };
  return {
    tracks: submission.tracks.filter((track) => track.jurisdiction === actor.jurisdiction),
    decisions: decisions.filter((decision) => decision.jurisdiction === actor.jurisdiction),
  };
}
