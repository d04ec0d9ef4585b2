import type { StoreTransaction } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAudit } from '../audit/index.ts';

/** What the audit trail records about certificates. */
export type CertificateAuditAction = 'certificate.issue' | 'certificate.suspend' | 'certificate.reinstate' | 'certificate.revoke' | 'certificate.customs_document';

/**
 * Appends a certificate's audit event inside the caller's transaction (subject `certificate:<number>`),
 * so it commits or rolls back with the change. Certificates are public, so every regulator may read it.
 */
export async function auditCertificate(tx: StoreTransaction, actor: Actor, requestId: string | null, action: CertificateAuditAction, number: string, summary: Record<string, unknown>, at: Date): Promise<void> {
  await appendAudit(tx, { actor, requestId }, { action, subject: `certificate:${number}`, summary }, at);
}
