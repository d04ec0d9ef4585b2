import type { AuditEventRecord } from '../../store/port.ts';
import { auditEventHash, genesisHash } from './audit-event.ts';

/** The first link of the chain that does not hold, and why. */
export interface BrokenLink {
  /** The seq of the first event that fails (or the seq expected where an event is missing). */
  seq: number;
  reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
  expected: string | number;
  found: string | number;
}

/** Where a verification stands after some events: the last good event's seq and hash. */
export interface ChainPosition {
  seq: number;
  hash: string;
}

/** Position before the first event. */
export const chainStart: ChainPosition = Object.freeze({ seq: 0, hash: genesisHash });

/** Checks one event against the position of the event before it; null when the link holds. */
export function checkLink(position: ChainPosition, event: AuditEventRecord): BrokenLink | null {
  if (event.seq !== position.seq + 1) return { seq: position.seq + 1, reason: 'sequence_gap', expected: position.seq + 1, found: event.seq };
  if (event.prevHash !== position.hash) return { seq: event.seq, reason: 'prev_hash_mismatch', expected: position.hash, found: event.prevHash };
  const hash = auditEventHash(event);
  if (hash !== event.hash) return { seq: event.seq, reason: 'hash_mismatch', expected: hash, found: event.hash };
  return null;
}

/**
 * Recomputes a run of consecutive events (in seq order) from `position`; returns the first broken link,
 * or the position after the last event. Callers verify a long trail page by page, passing the position on.
 */
export function verifyEvents(events: Iterable<AuditEventRecord>, position: ChainPosition = chainStart): { broken: BrokenLink } | { position: ChainPosition } {
  let current = position;
  for (const event of events) {
    const broken = checkLink(current, event);
    if (broken) return { broken };
    current = { seq: event.seq, hash: event.hash };
  }
  return { position: current };
}
