import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import { publishStandard, uploadStandard, withdrawStandard, type CatalogContext } from '../../../domain/standards/catalog.ts';
import type { StandardRecord } from '../../../store/port.ts';
import { requestIdOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { problemStatus } from '../../problem.ts';
import { formPost, uploadPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { standardUploadParser, uploadedDocument, uploadFailure, type UploadFailure } from './standard-upload-form.ts';
import { presentCategory } from './standards-pages.ts';
import { jointPublicationForms, jointPublicationView } from './joint-publication-pages.ts';
import { impactPages, impactSection } from './standard-impact-pages.ts';

const lifecycleNotices = { uploaded: 'draft', published: 'published', withdrawn: 'withdrawn' } as const;

/** Owner names by organisation id, read once per page. */
async function ownerNames(ctx: AppContext, records: readonly StandardRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(records.map((record) => record.ownerOrgId).filter((id): id is string => id !== null))];
  const orgs = await Promise.all(ids.map((id) => ctx.store.organisations.get(id)));
  return new Map(ids.map((id, i) => [id, orgs[i]?.name ?? id]));
}

function presentVersion(lang: Language, record: StandardRecord, owners: Map<string, string>) {
  return {
    code: record.code, version: record.version, title: record.title, status: record.status, category: presentCategory(lang, record.category),
    owner: record.ownerOrgId === null ? null : owners.get(record.ownerOrgId) ?? record.ownerOrgId,
    contentHash: record.contentHash, createdAt: record.createdAt, publishedAt: record.publishedAt, retiredAt: record.retiredAt,
    href: `/manage/standards/${encodeURIComponent(record.code)}/${encodeURIComponent(record.version)}`,
  };
}

/** Why the actor cannot change this version (message key), or null when they can. */
function readOnlyReason(actor: Actor, record: StandardRecord): string | null {
  if (!can(actor, 'standard.publish')) return 'review.standard.readOnly';
  if (can(actor, 'standard.publish', record)) return null;
  return record.ownerOrgId === null ? 'review.standard.shipped' : 'review.standard.otherAuthority';
}

/**
 * Standards management for regulators (and, read only, admins): every version with its status, the upload
 * form (a JSON file or pasted JSON, compiled in the worker pool before it is stored as a draft), and one
 * version's page with publish and withdraw. Who may change what is the standards policy's to say.
 */
export function standardsAdminPages(ctx: AppContext): Router {
  const router = Router();
  const catalog: CatalogContext = { store: ctx.store, checks: ctx.checks, limits: ctx.config.limits, transitionDays: ctx.config.transitionDays };
  const maxBytes = ctx.config.limits.standardBytes;

  async function renderList(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    const records = await ctx.store.standards.list();
    const owners = await ownerNames(ctx, records);
    renderPage(req, res, 'manage-standards', {
      title: t(lang, 'review.standards.title'),
      versions: records.map((record) => presentVersion(lang, record, owners)),
      canUpload: can(actor, 'standard.upload'),
      maxKib: Math.round(maxBytes / 1024),
      ...extra,
    }, status);
  }

  async function renderVersion(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    const record = await ctx.store.standards.get(String(req.params.code), String(req.params.version));
    if (!record) throw new DomainError('not_found', `no standard ${req.params.code}@${req.params.version}`);
    const done = typeof req.query.done === 'string' && Object.hasOwn(lifecycleNotices, req.query.done) ? (req.query.done as keyof typeof lifecycleNotices) : null;
    renderPage(req, res, 'manage-standard', {
      title: `${record.code} ${record.version}`,
      standard: presentVersion(lang, record, await ownerNames(ctx, [record])),
      canPublish: record.status === 'draft' && can(actor, 'standard.publish', record),
      canWithdraw: record.status !== 'withdrawn' && can(actor, 'standard.withdraw', record),
      readOnly: record.status === 'withdrawn' ? 'review.standard.nothingToDo' : readOnlyReason(actor, record),
      done: done && lifecycleNotices[done] === record.status ? `review.standard.${done}` : null,
      ...(await jointPublicationView(ctx, req, actor, record)),
      ...(await impactSection(ctx, req, actor, record)),
      ...extra,
    }, status);
  }

  router.get('/manage/standards', requireSignedIn, async function manageStandardsPage(req, res) {
    await renderList(req, res);
  });

  uploadPost(router, '/manage/standards', standardUploadParser(maxBytes), async function uploadStandardFromForm(req, res) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    const field = (req.body as Record<string, unknown>).document;
    const pasted = typeof field === 'string' ? field : '';
    let failure: UploadFailure | null;
    try {
      const { document } = uploadedDocument(req, res);
      const record = await uploadStandard(catalog, actor, document, requestIdOf(req));
      return res.redirect(303, `/manage/standards/${encodeURIComponent(record.code)}/${encodeURIComponent(record.version)}?done=uploaded`);
    } catch (error) {
      failure = uploadFailure(lang, error, maxBytes);
      if (!failure) throw error;
      // A busy worker pool says when to come back, as the API does.
      if (isDomainError(error) && typeof error.details.retryAfter === 'number') res.setHeader('Retry-After', String(error.details.retryAfter));
    }
    const errors = failure.field ? { [failure.field]: failure.message } : {};
    await renderList(req, res, { failure, errors, pasted }, failure.status);
  });

  router.get('/manage/standards/:code/:version', requireSignedIn, async function manageStandardPage(req, res) {
    await renderVersion(req, res);
  });

  /** Publish or withdraw: the domain decides; a refusal is shown on the version's page with its English reason. */
  async function lifecycleAction(req: Request, res: Response, action: 'published' | 'withdrawn') {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    const code = String(req.params.code);
    const version = String(req.params.version);
    if (action === 'withdrawn' && (req.body as Record<string, unknown>).confirm !== 'yes') {
      return renderVersion(req, res, { errors: { confirm: t(lang, 'review.standard.withdrawConfirmMissing') } }, 422);
    }
    try {
      const run = action === 'published' ? publishStandard : withdrawStandard;
      await run(catalog, actor, code, version, requestIdOf(req));
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      return renderVersion(req, res, { actionError: error.message }, problemStatus[error.code].status);
    }
    res.redirect(303, `/manage/standards/${encodeURIComponent(code)}/${encodeURIComponent(version)}?done=${action}`);
  }

  formPost(router, '/manage/standards/:code/:version/publish', async function publishStandardFromForm(req, res) {
    await lifecycleAction(req, res, 'published');
  });
  formPost(router, '/manage/standards/:code/:version/withdraw', async function withdrawStandardFromForm(req, res) {
    await lifecycleAction(req, res, 'withdrawn');
  });

  jointPublicationForms(router, ctx, renderVersion);
  impactPages(router, ctx, renderVersion);

  return router;
}
