import type { CertificateRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { forbidden, rule, type Refusal } from './rule.ts';

/** Status changes belong to the regulators of the jurisdiction that issued the certificate. */
function issuingJurisdiction(actor: Actor, certificate: Pick<CertificateRecord, 'number' | 'jurisdiction'>): true | Refusal {
  return actor.jurisdiction === certificate.jurisdiction || forbidden(`only regulators of ${certificate.jurisdiction} may change the status of ${certificate.number}`);
}

/** Rules for certificates, their public verification and the transparency log. */
export const certificatePolicies = {
  'certificate.read': rule('public'),
  'certificate.verify': rule('public'),
  /** Searching the public register and exporting a result: anyone, signed in or not. */
  'register.search': rule('public'),
  'log.read': rule('public'),
  /** The W3C Bitstring Status Lists of each authority: anyone, so any verifier can check a certificate's status. */
  'status-list.read': rule('public'),
  'certificate.suspend': rule<Pick<CertificateRecord, 'number' | 'jurisdiction'>>(['regulator'], issuingJurisdiction),
  'certificate.reinstate': rule<Pick<CertificateRecord, 'number' | 'jurisdiction'>>(['regulator'], issuingJurisdiction),
  'certificate.revoke': rule<Pick<CertificateRecord, 'number' | 'jurisdiction'>>(['regulator'], issuingJurisdiction),
};
