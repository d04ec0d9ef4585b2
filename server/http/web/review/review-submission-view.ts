import type { Actor } from '../../../domain/accounts/actor.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import { referencedSchemas } from '../../../domain/standards/references.ts';
import { getSubmission } from '../../../domain/submissions/queries.ts';
import type { RevisionRecord } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import { presentCategory } from '../standards/standards-pages.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { presentClauseMatrix } from '../submission-views/clause-matrix.ts';
import { diffRevisions, presentRevisionDiff } from '../submission-views/revision-diff.ts';

/** Which two revisions the page compares: the ones asked for when both exist, else the previous and the current. */
export function comparedRevisions(revisions: readonly RevisionRecord[], asked: { from?: unknown; to?: unknown }): { from: RevisionRecord; to: RevisionRecord } | null {
  if (revisions.length < 2) return null;
  const byNumber = (value: unknown) => (typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? revisions.find((r) => r.number === Number(value)) : undefined);
  const from = byNumber(asked.from);
  const to = byNumber(asked.to);
  if (from && to && from !== to) return { from, to };
  return { from: revisions[revisions.length - 2]!, to: revisions[revisions.length - 1]! };
}

/**
 * Everything the review page shows about one submission, as the regulator may see it (their jurisdiction's
 * track and decisions only): facts, product, clause matrix of the current revision (with requirement texts and
 * units from the standard's clause index), the diff between two revisions, attachments, decisions, the
 * certificate issued in their jurisdiction, and which workflow forms apply now.
 */
export async function reviewSubmissionView(ctx: AppContext, actor: Actor, lang: Language, id: string, compare: { from?: unknown; to?: unknown }) {
  authorize(actor, 'submission.queue');
  const view = await getSubmission(ctx.store, actor, id);
  const { submission } = view;
  const track = view.tracks.find((candidate) => candidate.jurisdiction === actor.jurisdiction)!;
  const latest = view.revisions[view.revisions.length - 1]!;
  const standard = await ctx.store.standards.get(submission.standardCode, submission.standardVersion);
  // The matrix still shows every result without the clause index (only requirement texts and units would be missing).
  const clauses = standard ? await referencedSchemas(ctx.store.standards, standard.schema).then((referenced) => ctx.engine.clauseIndex(standard.schema, referenced), () => []) : [];
  const people = new Map<string, string>();
  for (const userId of new Set([track.reviewerId, ...view.decisions.map((decision) => decision.decidedBy)].filter((value): value is string => value !== null))) {
    people.set(userId, (await ctx.store.users.get(userId))?.name ?? userId);
  }
  const vendor = await ctx.store.organisations.get(submission.orgId);
  const certificates = (await ctx.store.certificates.listBySubmission(submission.id)).filter((certificate) => certificate.jurisdiction === track.jurisdiction);
  const compared = comparedRevisions(view.revisions, compare);
  const jurisdictionName = t(lang, `common.jurisdiction.${track.jurisdiction}`);
  return {
    submission,
    href: `/review/${encodeURIComponent(submission.id)}`,
    jurisdictionName,
    track: {
      ...track,
      statusText: t(lang, `review.status.${track.status}`),
      reviewer: track.reviewerId ? people.get(track.reviewerId) ?? track.reviewerId : null,
    },
    vendor: vendor?.name ?? submission.orgId,
    standard: { code: submission.standardCode, version: submission.standardVersion, title: standard?.title ?? null, category: standard ? presentCategory(lang, standard.category) : null },
    product: latest.product,
    latest: { number: latest.number, conforms: latest.conforms },
    matrix: presentClauseMatrix(latest.report, lang, { spec: latest.spec, clauses }),
    diff: compared ? presentRevisionDiff(diffRevisions(compared.from.spec, compared.to.spec), lang, { from: compared.from.number, to: compared.to.number }) : null,
    revisions: view.revisions.map((revision) => ({ number: revision.number, createdAt: revision.createdAt, conforms: revision.conforms, specHash: revision.specHash })),
    attachments: view.attachments.map((attachment) => ({
      ...attachment, kindText: t(lang, `review.attachments.kind.${attachment.kind}`),
      href: `/review/${encodeURIComponent(submission.id)}/attachments/${encodeURIComponent(attachment.id)}`,
    })),
    decisions: view.decisions.map((decision) => ({ ...decision, who: people.get(decision.decidedBy) ?? decision.decidedBy, decisionText: t(lang, `review.decisionName.${decision.decision}`) })),
    certificates: certificates.map((certificate) => ({ number: certificate.number, validUntil: certificate.validUntil, href: `/certificates/${encodeURIComponent(certificate.number)}` })),
    canTake: track.status === 'submitted' && can(actor, 'submission.review', submission),
    canDecide: track.status === 'under_review' && can(actor, 'submission.decide', submission),
  };
}
