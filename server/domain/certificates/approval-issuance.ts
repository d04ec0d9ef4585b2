import type { OnApproved } from '../submissions/approval-hook.ts';
import type { CertificatesContext } from './context.ts';
import type { CertifiableReport } from '../credentials/credential.ts';
import { issueCertificate } from './issue.ts';

/**
 * The submission workflow's `onApproved` hook: issues the approving jurisdiction's certificate inside the
 * approval's own transaction, citing as evidence every attachment uploaded up to the approved revision.
 */
export function certificateIssuingHook(ctx: CertificatesContext): OnApproved {
  return async function issueOnApproval(tx, { submission, revision, jurisdiction, actor, requestId }) {
    const attachments = (await tx.attachments.list(submission.id)).filter((attachment) => attachment.revision <= revision.number);
    await issueCertificate(tx, ctx, {
      submissionId: submission.id,
      revision: revision.number,
      holderOrgId: submission.orgId,
      spec: revision.spec,
      report: revision.report as unknown as CertifiableReport,
      attachments: attachments.map((attachment) => ({ id: attachment.id, name: attachment.fileName, sha256: attachment.sha256 })),
      jurisdiction,
      actor,
      requestId,
    });
  };
}
