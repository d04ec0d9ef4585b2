import type { CertificateEventRecord, CertificateRecord, CustomsDocumentRecord } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import type { CertificatesContext } from './context.ts';
import type { Credential } from '../credentials/credential.ts';
import { parseCustomsNumber } from '../customs/customs-document-number.ts';
import { readCertificate, type CertificateStatement } from '../credentials/credential-reading.ts';
import { effectiveStatus, loadCertificate, recordedStatus, type EffectiveStatus } from './status.ts';
import { certificateVerificationUrl, customsVerificationUrl } from '../verification/verification-url.ts';
import { decodedCredentialOf } from '../verification/verification-cache.ts';

/** A certificate as readers see it: the record, its decoded credential, its events and its status now. */
export interface CertificateView {
  certificate: CertificateRecord;
  credential: Credential;
  /** What the credential states, read the same way whichever registry version signed it. */
  statement: CertificateStatement;
  events: CertificateEventRecord[];
  status: EffectiveStatus;
  verificationUrl: string;
}

/**
 * Loads a certificate with its decoded credential (decoded once per credential hash and shared, so frozen) and
 * current status, read fresh; not_found when there is none.
 */
export async function describeCertificate(ctx: CertificatesContext, number: string): Promise<CertificateView> {
  const { certificate, events } = await loadCertificate(ctx.store, number);
  const credential = decodedCredentialOf(ctx.store, certificate);
  if (!credential) throw new Error(`certificate ${number} holds an unreadable JWS`);
  return {
    certificate, credential, statement: readCertificate(credential), events,
    status: effectiveStatus(certificate, recordedStatus(events), ctx.now()),
    verificationUrl: certificateVerificationUrl(ctx.publicBaseUrl, number, certificate.credentialHash),
  };
}

/** A customs document as readers see it: the record, its verification URL, whether it expired, and its certificate's status now. */
export interface CustomsDocumentView {
  document: CustomsDocumentRecord;
  verificationUrl: string;
  expired: boolean;
  certificateStatus: EffectiveStatus;
}

/**
 * A customs document of a certificate, by its id or its IRRU-CD-… number, with its verification URL (which
 * always names the id: the unguessable id, not the sequential number, is what lets a QR holder see the facts);
 * not_found when the pair does not exist.
 */
export async function describeCustomsDocument(ctx: CertificatesContext, number: string, idOrNumber: string): Promise<CustomsDocumentView> {
  const document = parseCustomsNumber(idOrNumber) ? await ctx.store.customsDocuments.getByNumber(idOrNumber) : await ctx.store.customsDocuments.get(idOrNumber);
  if (!document || document.number !== number) throw new DomainError('not_found', `no customs document ${idOrNumber} for certificate ${number}`);
  const { certificate, events } = await loadCertificate(ctx.store, number);
  const now = ctx.now();
  return {
    document,
    verificationUrl: customsVerificationUrl(ctx.publicBaseUrl, number, document.id, document.attestationHash),
    expired: Date.parse(document.expiresAt) <= now.getTime(),
    certificateStatus: effectiveStatus(certificate, recordedStatus(events), now),
  };
}
