import type { AuditEventRecord } from '../../store/port.ts';

/** An audit event with everything needed to recompute its hash and link. */
export function presentAuditEvent(event: AuditEventRecord) {
  return {
    seq: event.seq, at: event.at, actorId: event.actorId, orgId: event.orgId, action: event.action, subject: event.subject,
    summary: event.summary, requestId: event.requestId, scope: event.scope, prevHash: event.prevHash, hash: event.hash,
  };
}
