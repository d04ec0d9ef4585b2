import type { CertificateEventRecord, CertificateRecord, CertificateStatus, Store, StoreTransaction } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { appendLogEntry } from '../ledger/transparency-log.ts';
import { authorize } from '../policies/index.ts';
import { auditCertificate } from './certificate-audit.ts';
import type { CertificatesContext } from './context.ts';
import { recordInRegister } from '../register/register-entry.ts';
import { recordStatusInLists } from '../status-lists/list-updates.ts';

/** A certificate's status as anyone sees it: the recorded one, or `expired` once `validUntil` has passed. */
export type EffectiveStatus = CertificateStatus | 'expired';

/** What regulators can do to a certificate. */
export type StatusAction = 'suspend' | 'reinstate' | 'revoke';

const transitions: Record<StatusAction, { from: CertificateStatus[]; to: CertificateStatus; event: CertificateEventRecord['action'] }> = {
  suspend: { from: ['valid'], to: 'suspended', event: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid', event: 'reinstated' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', event: 'revoked' },
};

/** The recorded status: the status of the last event. */
export function recordedStatus(events: CertificateEventRecord[]): CertificateStatus {
  return events.at(-1)?.status ?? 'valid';
}

/** Revoked stays revoked; otherwise a certificate past `validUntil` is expired, whatever else was recorded. */
export function effectiveStatus(certificate: Pick<CertificateRecord, 'validUntil'>, recorded: CertificateStatus, now: Date): EffectiveStatus {
  if (recorded === 'revoked') return 'revoked';
  return Date.parse(certificate.validUntil) <= now.getTime() ? 'expired' : recorded;
}

/** The status changes possible from a status now (what the regulator's forms offer): revocation also once expired. */
export function statusActionsFrom(current: EffectiveStatus): StatusAction[] {
  return (Object.keys(transitions) as StatusAction[]).filter((action) =>
    transitions[action].from.includes(current as CertificateStatus) || (action === 'revoke' && current === 'expired'));
}

/** The certificate and its events, or not_found. */
export async function loadCertificate(reader: Pick<Store, 'certificates'> | StoreTransaction, number: string) {
  const certificate = await reader.certificates.get(number);
  if (!certificate) throw new DomainError('not_found', `no certificate ${number}`);
  return { certificate, events: await reader.certificates.events(number) };
}

/**
 * Suspends, reinstates or revokes a certificate (regulators of the issuing jurisdiction only, with a reason),
 * in one transaction: a new event, its log leaf, the certificate's bits in its authority's W3C status lists (each
 * changed list re-signed, with its own log leaf), the public register row's new status and its audit event. The signed credential is never touched.
 * Revocation is final; an expired certificate can still be revoked but not suspended or reinstated.
 */
export async function changeStatus(ctx: CertificatesContext, actor: Actor, number: string, action: StatusAction, reason: string, requestId: string | null = null) {
  authorize(actor, `certificate.${action}`);
  return ctx.store.transaction(async (tx) => {
    const { certificate, events } = await loadCertificate(tx, number);
    authorize(actor, `certificate.${action}`, certificate);
    const now = ctx.now();
    const current = effectiveStatus(certificate, recordedStatus(events), now);
    const rule = transitions[action];
    if (!statusActionsFrom(current).includes(action)) {
      throw new DomainError('invalid_state', `cannot ${action} a ${current} certificate`, { state: current });
    }
    const at = now.toISOString();
    const leafIndex = await appendLogEntry(tx, { type: `certificate.${rule.event}`, number, credentialHash: certificate.credentialHash, status: rule.to, at });
    const event: CertificateEventRecord = { number, action: rule.event, status: rule.to, reason, actorId: actor.userId, at, leafIndex };
    await tx.certificates.appendEvent(event);
    await recordStatusInLists(tx, ctx, certificate, rule.to, at);
    await recordInRegister(tx, certificate, [...events, event]);
    await auditCertificate(tx, actor, requestId, `certificate.${action}`, number, { reason, status: rule.to, leafIndex }, now);
    return { certificate, events: [...events, event] };
  });
}
