import { currentCheckpoint } from '../../domain/ledger/checkpoints.ts';
import { describeCertificate } from '../../domain/certificates/lookup.ts';
import { changeStatus, type StatusAction } from '../../domain/certificates/status.ts';
import type { CertificatesContext } from '../../domain/certificates/context.ts';
import { inclusionProof } from '../../domain/ledger/transparency-log.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { presentCertificate } from '../presenters/certificate.ts';
import type { RouteDef } from './route.ts';
import { sendPublicAnswer } from './cacheable-answer.ts';

/** The certificate with its issuance leaf's inclusion proof at the size of a freshly signed checkpoint. */
export async function certificateResponse(ctx: CertificatesContext, number: string) {
  const view = await describeCertificate(ctx, number);
  const checkpoint = await currentCheckpoint(ctx);
  const issued = view.events.find((event) => event.action === 'issued')!;
  const proof = await inclusionProof(ctx.store.transparencyLog, issued.leafIndex, checkpoint.treeSize);
  const [leaf] = await ctx.store.transparencyLog.leaves(issued.leafIndex, issued.leafIndex + 1);
  return presentCertificate(view, { ...proof, entry: leaf!.entry }, checkpoint);
}

function statusRoute(ctx: CertificatesContext, action: StatusAction, summary: string): RouteDef {
  return {
    method: 'post', path: `/certificates/{number}/${action}`, tag: 'Certificates', policy: `certificate.${action}`, summary,
    body: 'urn:irru:api:certificate-status-change',
    success: { status: 200, description: 'The certificate with its new status' },
    handler: async function changeCertificateStatus(req, res) {
      const number = String(req.params.number);
      await changeStatus(ctx, actorOf(res), number, action, (req.body as { reason: string }).reason.trim(), String(req.id ?? '') || null);
      res.json(await certificateResponse(ctx, number));
    },
  };
}

/** Certificates: read by anyone; suspended, reinstated and revoked by regulators of the issuing jurisdiction. */
export function certificatesRoutes({ certificates }: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/certificates/{number}', tag: 'Certificates', policy: 'certificate.read',
      summary: 'A certificate: the JWS, the decoded credential, status, inclusion proof and signed checkpoint',
      success: { status: 200, description: 'The certificate; ETag of the answer, Cache-Control public for 5 s, 304 on If-None-Match' },
      handler: async function getCertificate(req, res) {
        sendPublicAnswer(res, await certificateResponse(certificates, String(req.params.number)));
      },
    },
    statusRoute(certificates, 'suspend', 'Suspend a valid certificate (with a reason)'),
    statusRoute(certificates, 'reinstate', 'Reinstate a suspended certificate (with a reason)'),
    statusRoute(certificates, 'revoke', 'Revoke a certificate for good (with a reason)'),
  ];
}
