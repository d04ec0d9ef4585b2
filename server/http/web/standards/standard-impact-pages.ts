import type { Request, Response, Router } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import { readImpact } from '../../../domain/standards/impact/impact-result.ts';
import { runImpact } from '../../../domain/standards/impact/impact-run.ts';
import { maxTransitionDays, planTransition, transitionOf } from '../../../domain/standards/transition/transition-period.ts';
import type { StandardRecord } from '../../../store/port.ts';
import { requestIdOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { problemStatus } from '../../problem.ts';
import { fieldText, formPost } from '../forms.ts';
import { asciiDigits } from '../i18n/digits.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** Failing certificates listed on the page; the CLI lists them all. */
const listedOnPage = 200;

/** Re-renders the version's management page with extra context and a status (standards-admin-pages.ts). */
export type RenderVersion = (req: Request, res: Response, extra?: Record<string, unknown>, status?: number) => Promise<void>;

/**
 * What the standard management page shows of impact and transition (views/partials/standard-impact.hbs):
 * the stored impact result (outdated when the draft changed since it ran), the run form for a draft, and the
 * transition period with its form while the version is a draft.
 */
export async function impactSection(ctx: AppContext, req: Request, actor: Actor, record: StandardRecord) {
  if (!can(actor, 'standard.impact.read')) return { impactSection: null };
  const impact = await readImpact(ctx.store, actor, record.code, record.version, listedOnPage);
  const transition = await transitionOf(ctx.store, record.code, record.version, ctx.config.transitionDays);
  const isDraft = record.status === 'draft';
  return {
    impactSection: {
      impact,
      transition,
      defaultDays: ctx.config.transitionDays,
      transitionNote: transition.planned === null
        ? { key: 'impact.transition.default', days: ctx.config.transitionDays }
        : { key: 'impact.transition.planned', days: transition.planned },
      listedOnPage,
      canRun: isDraft && can(actor, 'standard.impact.run'),
      canPlan: isDraft && can(actor, 'standard.transition.plan', record),
      done: req.query.impact === 'done' ? 'impact.done' : req.query.transition === 'saved' ? 'impact.transition.saved' : null,
    },
  };
}

/** The version page's path. */
const versionPath = (req: Request) => `/manage/standards/${encodeURIComponent(String(req.params.code))}/${encodeURIComponent(String(req.params.version))}`;

/**
 * The forms of the impact section: run the analysis (the checks go to the worker pool) and set the transition
 * period. A refusal by the domain is shown on the version's page with its English reason; bad days re-show
 * the form with the message next to the field.
 */
export function impactPages(router: Router, ctx: AppContext, renderVersion: RenderVersion): void {
  formPost(router, '/manage/standards/:code/:version/impact', async function runImpactFromForm(req, res) {
    const actor = res.locals.actor as Actor;
    authorize(actor, 'standard.impact.run');
    try {
      await runImpact({ store: ctx.store, checks: ctx.checks }, actor, String(req.params.code), String(req.params.version), {
        now: () => ctx.certificates.now(), requestId: requestIdOf(req),
      });
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      return renderVersion(req, res, { actionError: error.message }, problemStatus[error.code].status);
    }
    res.redirect(303, `${versionPath(req)}?impact=done#impact-heading`);
  });

  formPost(router, '/manage/standards/:code/:version/transition', async function planTransitionFromForm(req, res) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.transition.plan');
    const typed = asciiDigits(fieldText((req.body as Record<string, unknown>).days)).trim();
    const days = /^\d{1,4}$/.test(typed) ? Number(typed) : NaN;
    if (!Number.isInteger(days) || days > maxTransitionDays) {
      return renderVersion(req, res, { errors: { days: t(lang, 'impact.transition.invalid') }, typedDays: typed }, 422);
    }
    try {
      await planTransition(ctx.store, actor, String(req.params.code), String(req.params.version), days, requestIdOf(req));
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      return renderVersion(req, res, { actionError: error.message }, problemStatus[error.code].status);
    }
    res.redirect(303, `${versionPath(req)}?transition=saved#transition-heading`);
  });
}
