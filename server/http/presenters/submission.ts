import type { SubmissionView } from '../../domain/submissions/queries.ts';
import type { AttachmentRecord, CertificateRecord, DecisionRecord, JurisdictionTrack, RevisionRecord, SubmissionRecord } from '../../store/port.ts';

/** One jurisdiction's review as the API shows it. */
export function presentTrack(track: JurisdictionTrack) {
  return {
    jurisdiction: track.jurisdiction,
    status: track.status,
    submittedAt: track.submittedAt,
    reviewerId: track.reviewerId,
    reviewStartedAt: track.reviewStartedAt,
    lastDecision: track.decision
      ? { decision: track.decision, comment: track.comment, decidedBy: track.decidedBy, decidedAt: track.decidedAt, revision: track.decidedRevision }
      : null,
  };
}

/** A submission's summary: what lists show, and the head of every other submission response. */
export function presentSubmissionSummary(submission: SubmissionRecord, tracks: JurisdictionTrack[] = submission.tracks) {
  return {
    id: submission.id,
    status: submission.status,
    revision: submission.revision,
    standard: { code: submission.standardCode, version: submission.standardVersion },
    manufacturer: submission.manufacturer,
    model: submission.model,
    jurisdictions: tracks.map(presentTrack),
    createdAt: submission.createdAt,
    updatedAt: submission.updatedAt,
  };
}

/** A revision's line in the history. */
export function presentRevisionSummary(revision: RevisionRecord) {
  return { number: revision.number, specHash: revision.specHash, conforms: revision.conforms, createdBy: revision.createdBy, createdAt: revision.createdAt };
}

/** One revision in full: product, spec and report. */
export function presentRevision(revision: RevisionRecord) {
  return { ...presentRevisionSummary(revision), product: revision.product, spec: revision.spec, report: revision.report };
}

export function presentDecision(decision: DecisionRecord) {
  return {
    jurisdiction: decision.jurisdiction, revision: decision.revision, decision: decision.decision,
    comment: decision.comment, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt,
  };
}

export function presentAttachment(attachment: AttachmentRecord) {
  return {
    id: attachment.id, kind: attachment.kind, fileName: attachment.fileName, mediaType: attachment.mediaType, size: attachment.size,
    sha256: attachment.sha256, revision: attachment.revision, uploadedBy: attachment.uploadedBy, createdAt: attachment.createdAt,
    href: `/api/v1/submissions/${attachment.submissionId}/attachments/${attachment.id}`,
  };
}

/** A submission just created or revised: the summary with the new revision's product and report. */
export function presentSubmissionWithRevision(submission: SubmissionRecord, revision: RevisionRecord) {
  return { ...presentSubmissionSummary(submission), product: revision.product, report: revision.report };
}

/** A certificate issued for a submission: where to read, print and verify it. */
export function presentIssuedCertificate(certificate: CertificateRecord) {
  return {
    number: certificate.number, jurisdiction: certificate.jurisdiction, revision: certificate.revision,
    validFrom: certificate.validFrom, validUntil: certificate.validUntil,
    href: `/api/v1/certificates/${certificate.number}`, pdf: `/api/v1/certificates/${certificate.number}.pdf`, page: `/certificates/${certificate.number}`,
  };
}

/** Everything about one submission the actor may see, with the certificates issued for it. */
export function presentSubmissionView(view: SubmissionView, certificates: CertificateRecord[] = []) {
  const latest = view.revisions[view.revisions.length - 1]!;
  return {
    ...presentSubmissionSummary(view.submission, view.tracks),
    product: latest.product,
    conforms: latest.conforms,
    revisions: view.revisions.map(presentRevisionSummary),
    decisions: view.decisions.map(presentDecision),
    attachments: view.attachments.map(presentAttachment),
    certificates: certificates.map(presentIssuedCertificate),
  };
}
