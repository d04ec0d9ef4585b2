import type { CertificateView } from '../../domain/certificates/lookup.ts';
import type { SignedCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { CustomsDocumentRecord } from '../../store/port.ts';

/** Inclusion proof as the API shows it (hex hashes). */
export interface PresentedInclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  path: string[];
  /** The issuance leaf's entry, exactly the canonical JSON text that was hashed. */
  entry: string;
}

/**
 * A certificate for anyone: the JWS exactly as signed, the decoded credential, the current status with its
 * history (who acted is left out: user ids stay internal), an inclusion proof of its issuance leaf and the
 * signed checkpoint the proof leads to, so the response alone can be verified offline.
 */
export function presentCertificate(view: CertificateView, proof: PresentedInclusionProof, checkpoint: SignedCheckpoint) {
  const { certificate } = view;
  return {
    number: certificate.number,
    jurisdiction: certificate.jurisdiction,
    status: view.status,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    history: view.events.map((event) => ({ action: event.action, status: event.status, reason: event.reason, at: event.at, leafIndex: event.leafIndex })),
    kid: certificate.kid,
    credentialHash: certificate.credentialHash,
    verificationUrl: view.verificationUrl,
    jws: certificate.jws,
    credential: view.credential,
    inclusionProof: proof,
    checkpoint,
    links: {
      pdf: `/api/v1/certificates/${certificate.number}.pdf`,
      html: `/certificates/${certificate.number}`,
      verify: `/api/v1/verify/${certificate.number}`,
    },
  };
}

/** A customs attestation: the signed JWS, its decoded content and where to get the PDF. */
export function presentCustomsDocument(document: CustomsDocumentRecord, verificationUrl: string) {
  return {
    id: document.id,
    number: document.number,
    documentNumber: document.documentNumber,
    importingJurisdiction: document.importingJurisdiction,
    issuedAt: document.issuedAt,
    expiresAt: document.expiresAt,
    attestationHash: document.attestationHash,
    verificationUrl,
    jws: document.jws,
    attestation: document.attestation,
    links: { pdf: `/api/v1/certificates/${document.number}/customs-document/${document.id}.pdf` },
  };
}
