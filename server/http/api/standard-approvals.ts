import { DomainError } from '../../domain/errors.ts';
import { approveStandard, withdrawApproval, type JointPublicationContext } from '../../domain/standards/joint-publication/approvals.ts';
import { jointPublicationStatus } from '../../domain/standards/joint-publication/approval-status.ts';
import type { AppContext } from '../context.ts';
import { requestIdOf } from '../acting.ts';
import { actorOf } from '../middleware/authorize.ts';
import type { RouteDef } from './route.ts';

/**
 * Joint publication of standards shared between IR and RU: each jurisdiction's authority approves a draft's exact
 * content hash, the last approval publishes it; who approved what and when is public.
 */
export function standardApprovalsRoutes({ store, certificates, config }: AppContext): RouteDef[] {
  const joint: JointPublicationContext = { store, vault: certificates.vault, publicBaseUrl: certificates.publicBaseUrl, now: certificates.now, transitionDays: config.transitionDays };
  const tag = 'Standards';

  async function statusOf(code: string, version: string) {
    const status = await jointPublicationStatus(store, certificates.publicBaseUrl, code, version);
    if (!status) throw new DomainError('not_found', `no standard ${code}@${version}`);
    return status;
  }

  return [
    {
      method: 'get', path: '/standards/{code}/{version}/approvals', tag, policy: 'standard.read', summary: 'Joint publication: who approved which content hash and when, and what is missing',
      success: { status: 200, description: 'Whether the version is shared, its approvals (withdrawn ones included) and the jurisdictions still missing' },
      handler: async function listStandardApprovals(req, res) {
        res.json(await statusOf(String(req.params.code), String(req.params.version)));
      },
    },
    {
      method: 'post', path: '/standards/{code}/{version}/approve', tag, policy: 'standard.approve', body: 'urn:irru:api:standard-approval',
      summary: 'Approve a shared draft\'s content hash for your jurisdiction (the last approval publishes it)',
      success: { status: 201, description: 'The signed approval, and the version\'s joint publication status (published when it was the last one missing)' },
      handler: async function approveStandardVersion(req, res) {
        const code = String(req.params.code);
        const version = String(req.params.version);
        const { approval, leafIndex } = await approveStandard(joint, actorOf(res), code, version, (req.body as { contentHash: string }).contentHash, requestIdOf(req));
        const status = await statusOf(code, version);
        res.status(201).location(`/api/v1/standards/${code}/${version}/approvals`)
          .json({ approval: status.approvals.find((each) => each.id === approval.id), leafIndex, standard: status });
      },
    },
    {
      method: 'post', path: '/standards/{code}/{version}/approval/withdraw', tag, policy: 'standard.approval.withdraw',
      summary: 'Withdraw your authority\'s approval of a shared draft (before publication only)',
      success: { status: 200, description: 'The version\'s joint publication status' },
      handler: async function withdrawStandardApproval(req, res) {
        const code = String(req.params.code);
        const version = String(req.params.version);
        await withdrawApproval(joint, actorOf(res), code, version, requestIdOf(req));
        res.json(await statusOf(code, version));
      },
    },
  ];
}
