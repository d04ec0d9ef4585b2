import type { AuditReader } from '../../store/port.ts';
import { chainStart, verifyEvents, type BrokenLink, type ChainPosition } from './verify.ts';

/** The outcome of verifying the whole trail. */
export type AuditVerification =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; broken: BrokenLink };

/**
 * Reads the whole trail page by page and recomputes every link. `events` counts the events that verified
 * before the first broken link. Truncation of the newest events cannot be seen from the chain alone:
 * compare `head` with a copy kept elsewhere.
 */
export async function verifyAuditTrail(audit: AuditReader, pageSize = 500): Promise<AuditVerification> {
  let position: ChainPosition = chainStart;
  for (;;) {
    const page = await audit.list({ afterSeq: position.seq, limit: pageSize });
    if (page.length === 0) return { ok: true, events: position.seq, head: position.hash };
    const result = verifyEvents(page, position);
    // The chain is gapless from 1, so every event before the broken one verified.
    if ('broken' in result) return { ok: false, events: result.broken.seq - 1, broken: result.broken };
    position = result.position;
  }
}

