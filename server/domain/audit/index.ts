/** The tamper-evident audit trail: appended inside the transaction of each change, verified link by link. */
export { appendAudit, systemAuditActor, type Acting, type AuditActor, type AuditEntry } from './append.ts';
export { auditEventHash, genesisHash } from './audit-event.ts';
export { chainStart, checkLink, verifyEvents, type BrokenLink, type ChainPosition } from './verify.ts';
export { verifyAuditTrail, type AuditVerification } from './verify-trail.ts';
export { listAuditEvents, type AuditListFilters, type AuditPage } from './list.ts';
