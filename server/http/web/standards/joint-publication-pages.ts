import type { Request, RequestHandler, Response, Router } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import { approveStandard, withdrawApproval, type JointPublicationContext } from '../../../domain/standards/joint-publication/approvals.ts';
import { jointPublicationStatus, type JointPublicationStatus } from '../../../domain/standards/joint-publication/approval-status.ts';
import type { StandardRecord } from '../../../store/port.ts';
import { requestIdOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { problemStatus } from '../../problem.ts';
import { fieldText, formPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** Re-renders a standard's management page with extra data (errors, a refusal) and a status. */
export type RenderVersion = (req: Request, res: Response, extra?: Record<string, unknown>, status?: number) => Promise<void>;

const notices = { given: 'joint.given', withdrawn: 'joint.withdrawn', published: 'joint.publishedNow' } as const;

const hrefOf = (code: string, version: string) => `/manage/standards/${encodeURIComponent(code)}/${encodeURIComponent(version)}`;

/** The approvals as a page shows them: who (authority, country), which content hash, when, and whether it still counts. */
function presentJoint(status: JointPublicationStatus) {
  return {
    shared: status.shared, missing: status.missing, published: status.status !== 'draft', contentHash: status.contentHash,
    approvals: status.approvals.map((approval) => ({
      jurisdiction: approval.jurisdiction, authority: approval.authority.name, contentHash: approval.contentHash, approvedAt: approval.approvedAt,
      standing: approval.standing, withdrawnAt: approval.withdrawnAt, replaced: approval.withdrawnReason === 'replaced', jws: approval.jws,
    })),
  };
}

/**
 * The joint publication part of a standard's management page: its approvals and what is missing, the approve and
 * withdraw forms when the actor may use them, and a shared draft's Publish button hidden (its approvals publish it).
 */
export async function jointPublicationView(ctx: AppContext, req: Request, actor: Actor, record: StandardRecord): Promise<Record<string, unknown>> {
  const status = await jointPublicationStatus(ctx.store, ctx.certificates.publicBaseUrl, record.code, record.version);
  if (!status?.shared) return {};
  const draft = record.status === 'draft';
  const own = status.approvals.find((approval) => approval.standing && approval.authority.id === actor.orgId);
  const mayApprove = draft && can(actor, 'standard.approve', { code: record.code, version: record.version, jurisdictions: status.jurisdictions });
  const notice = typeof req.query.approval === 'string' && Object.hasOwn(notices, req.query.approval) ? notices[req.query.approval as keyof typeof notices] : null;
  return {
    canPublish: false,
    joint: {
      ...presentJoint(status),
      href: hrefOf(record.code, record.version),
      actorJurisdiction: actor.jurisdiction,
      canApprove: mayApprove && !own && actor.jurisdiction !== null && status.missing.includes(actor.jurisdiction),
      canWithdraw: draft && own !== undefined && can(actor, 'standard.approval.withdraw', { code: record.code, version: record.version, orgId: own.authority.id }),
      notice,
    },
  };
}

/** The approvals of a shared version on its public page (nothing for a standard of one jurisdiction). */
export async function publicJointPublication(ctx: Pick<AppContext, 'store' | 'certificates'>, record: StandardRecord): Promise<Record<string, unknown>> {
  const status = await jointPublicationStatus(ctx.store, ctx.certificates.publicBaseUrl, record.code, record.version);
  return status?.shared ? { joint: presentJoint(status) } : {};
}

/**
 * The approve and withdraw-approval forms of a standard's management page. The domain decides; a stale content
 * hash is shown next to the approval form, any other refusal on the page with its English reason.
 */
export function jointPublicationForms(router: Router, ctx: AppContext, renderVersion: RenderVersion): void {
  const joint: JointPublicationContext = { store: ctx.store, vault: ctx.certificates.vault, publicBaseUrl: ctx.certificates.publicBaseUrl, now: ctx.certificates.now, transitionDays: ctx.config.transitionDays };

  async function refused(req: Request, res: Response, error: unknown): Promise<void> {
    const lang = res.locals.lang as Language;
    if (!isDomainError(error) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
    if (error.code === 'conflict' && typeof error.details.currentContentHash === 'string') {
      return renderVersion(req, res, { errors: { contentHash: t(lang, 'joint.stale') } }, 409);
    }
    return renderVersion(req, res, { actionError: error.message }, problemStatus[error.code].status);
  }

  const approve: RequestHandler = async function approveStandardFromForm(req, res) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    const body = req.body as Record<string, unknown>;
    const contentHash = fieldText(body.contentHash);
    if (body.confirmApproval !== 'yes') return renderVersion(req, res, { errors: { confirmApproval: t(lang, 'joint.approveConfirmMissing') } }, 422);
    if (!/^[0-9a-f]{64}$/.test(contentHash)) return renderVersion(req, res, { errors: { contentHash: t(lang, 'joint.badHash') } }, 422);
    const code = String(req.params.code);
    const version = String(req.params.version);
    try {
      const { published } = await approveStandard(joint, actor, code, version, contentHash, requestIdOf(req));
      res.redirect(303, `${hrefOf(code, version)}?approval=${published ? 'published' : 'given'}`);
    } catch (error) {
      await refused(req, res, error);
    }
  };

  const withdraw: RequestHandler = async function withdrawApprovalFromForm(req, res) {
    const actor = res.locals.actor as Actor;
    authorize(actor, 'standard.manage');
    const code = String(req.params.code);
    const version = String(req.params.version);
    try {
      await withdrawApproval(joint, actor, code, version, requestIdOf(req));
      res.redirect(303, `${hrefOf(code, version)}?approval=withdrawn`);
    } catch (error) {
      await refused(req, res, error);
    }
  };

  formPost(router, '/manage/standards/:code/:version/approve', approve);
  formPost(router, '/manage/standards/:code/:version/approval/withdraw', withdraw);
}
