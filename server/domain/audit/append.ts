import type { AuditEventRecord, Jurisdiction, StoreTransaction } from '../../store/port.ts';
import { auditEventHash, genesisHash } from './audit-event.ts';

/** Who acted, as the audit trail records it (an Actor fits). */
export interface AuditActor {
  userId: string;
  orgId: string;
}

/** The registry acting on its own behalf (CLI, start-up), when no user is involved. */
export const systemAuditActor: AuditActor = Object.freeze({ userId: 'system', orgId: 'system' });

/** Who asked for an action and which HTTP request carried it: passed down to every audited command. */
export interface Acting<A extends AuditActor = AuditActor> {
  actor: A;
  /** The request id (X-Request-Id) of the HTTP request, or null (CLI). */
  requestId: string | null;
}

/** One state-changing action to record. */
export interface AuditEntry {
  action: string;
  subject: string;
  summary: Record<string, unknown>;
  /** Jurisdictions whose regulators may read the event; omitted or null: every regulator. */
  scope?: Jurisdiction[] | null;
}

/**
 * Appends an event to the audit trail inside the caller's transaction, chained to the newest one, so the
 * event commits or rolls back with the change it records. Transactions are serialised, so `last` is the
 * true predecessor; a racing append would fail on the unique seq and roll the whole transaction back.
 */
export async function appendAudit(tx: StoreTransaction, acting: Acting, entry: AuditEntry, at = new Date()): Promise<AuditEventRecord> {
  const previous = await tx.audit.last();
  const unhashed = {
    seq: (previous?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: acting.actor.userId,
    orgId: acting.actor.orgId,
    action: entry.action,
    subject: entry.subject,
    summary: entry.summary,
    requestId: acting.requestId,
    scope: entry.scope ? [...entry.scope].sort() : null,
    prevHash: previous?.hash ?? genesisHash,
  };
  const event: AuditEventRecord = { ...unhashed, hash: auditEventHash(unhashed) };
  await tx.audit.append(event);
  return event;
}
