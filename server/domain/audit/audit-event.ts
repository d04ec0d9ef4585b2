import type { AuditEventRecord } from '../../store/port.ts';
import { canonicalHash } from '../canonical-json.ts';

/** The previous hash of the first event in the trail. */
export const genesisHash = '0'.repeat(64);

/**
 * The hash an event must carry: SHA-256 of the RFC 8785 canonical JSON of every field but `hash`
 * (prevHash included, which is what chains the events).
 */
export function auditEventHash(event: Omit<AuditEventRecord, 'hash'> & { hash?: string }): string {
  const { seq, at, actorId, orgId, action, subject, summary, requestId, scope, prevHash } = event;
  return canonicalHash({ seq, at, actorId, orgId, action, subject, summary, requestId, scope, prevHash });
}
