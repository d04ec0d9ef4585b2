import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import type { ClauseInfo } from '../../../domain/conformance/index.ts';
import { authorize, choosesStatisticsJurisdiction } from '../../../domain/policies/index.ts';
import { referencedSchemas } from '../../../domain/standards/references.ts';
import { maxStatisticsMonths, reviewStatistics, type ReviewStatistics } from '../../../domain/submissions/review-statistics.ts';
import type { Jurisdiction } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { presentStatistics, type ClauseTitles } from './statistics-view.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `offset` months before the current UTC month, as YYYY-MM. */
function monthBefore(offset: number, now = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 1));
  return date.toISOString().slice(0, 7);
}

interface StatisticsForm {
  from: string;
  to: string;
  jurisdiction: string;
}

/** The period and jurisdiction asked for, with an error message per field in `lang` (none: valid). */
function readForm(req: Request, lang: Language): { form: StatisticsForm; errors: Record<string, string> } {
  const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : undefined);
  const form = { from: text('from') || monthBefore(11), to: text('to') || monthBefore(0), jurisdiction: text('jurisdiction') ?? '' };
  const errors: Record<string, string> = {};
  if (!monthPattern.test(form.from)) errors.from = t(lang, 'review.stats.badMonth');
  if (!monthPattern.test(form.to)) errors.to = t(lang, 'review.stats.badMonth');
  else if (!errors.from && form.to < form.from) errors.to = t(lang, 'review.stats.badRange');
  else if (!errors.from && monthSpan(form.from, form.to) > maxStatisticsMonths) {
    errors.to = t(lang, 'review.stats.tooLong', { max: maxStatisticsMonths });
  }
  if (!['', 'IR', 'RU'].includes(form.jurisdiction)) errors.jurisdiction = t(lang, 'review.stats.badJurisdiction');
  return { form, errors };
}

function monthSpan(from: string, to: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from) + 1;
}

/** The clause index of every standard version in the failed-clause list (for the clause titles). */
async function clauseTitles(ctx: AppContext, stats: ReviewStatistics): Promise<ClauseTitles> {
  const titles = new Map<string, readonly ClauseInfo[]>();
  for (const { standardCode, standardVersion } of stats.failedClauses.clauses) {
    const key = `${standardCode}@${standardVersion}`;
    if (titles.has(key)) continue;
    const record = await ctx.store.standards.get(standardCode, standardVersion);
    // A version whose references can no longer be resolved still has its counts; only its titles are missing.
    const clauses = record ? await referencedSchemas(ctx.store.standards, record.schema).then((referenced) => ctx.engine.clauseIndex(record.schema, referenced), () => []) : [];
    titles.set(key, clauses);
  }
  return titles;
}

/**
 * The statistics page: submissions per month by status and by equipment category, the most failed clauses
 * and the time to decision, each as a server-drawn SVG chart with its numbers in a table. Regulators see
 * their jurisdiction's; admins choose either or both.
 */
export function statisticsPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/statistics', requireSignedIn, async function statisticsPage(req: Request, res: Response) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'submission.statistics');
    const { form, errors } = readForm(req, lang);
    const choosesJurisdiction = choosesStatisticsJurisdiction(actor);
    const page = {
      title: t(lang, 'review.stats.title'), form, errors: Object.keys(errors).length > 0 ? errors : null, choosesJurisdiction, maxMonths: maxStatisticsMonths,
      jurisdictionName: actor.jurisdiction ? t(lang, `common.jurisdiction.${actor.jurisdiction}`) : '',
    };
    if (Object.keys(errors).length > 0) return renderPage(req, res, 'statistics', page, 400);
    const asked = choosesJurisdiction && form.jurisdiction ? (form.jurisdiction as Jurisdiction) : undefined;
    const stats = await reviewStatistics(ctx.store, actor, { fromMonth: form.from, toMonth: form.to }, asked);
    const scope = stats.jurisdiction ? t(lang, `common.jurisdiction.${stats.jurisdiction}`) : null;
    renderPage(req, res, 'statistics', {
      ...page,
      intro: scope ? t(lang, 'review.stats.introOne', { jurisdiction: scope }) : t(lang, 'review.stats.introBoth'),
      stats: presentStatistics(lang, stats, await clauseTitles(ctx, stats)),
    });
  });
  return router;
}
