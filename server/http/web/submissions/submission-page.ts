import type { Request, Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { can } from '../../../domain/policies/index.ts';
import { getSubmission } from '../../../domain/submissions/queries.ts';
import { assertVendorMay, type VendorAction } from '../../../domain/submissions/workflow.ts';
import type { SubmissionRecord } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { presentClauseMatrix } from '../submission-views/index.ts';
import { certificateRow } from './certificate-rows.ts';
import { specFormView, type SpecFormInput } from './spec-form-view.ts';
import { standardFormOf } from './standard-forms.ts';

/** The kinds an attachment may be uploaded as (schemas/api/attachment-form.schema.json). */
export const attachmentKinds = ['datasheet', 'test-report', 'photo', 'declaration', 'other'] as const;

/** What a re-shown submission page carries besides the stored state: a posted form, errors, a notice. */
export interface SubmissionPageState {
  /** The edit form as posted (instead of the newest revision's spec). */
  form?: Omit<SpecFormInput, 'jurisdictions'>;
  /** Why "submit for review" (or withdraw) was refused. */
  actionError?: string | null;
  /** Errors of the attachment form, by field (kind, file). */
  attachmentErrors?: Record<string, string>;
  attachmentKind?: string;
  notice?: string | null;
}

/** Whether the workflow lets the vendor do `action` in the submission's current state (who may is the policy's). */
function stateAllows(submission: SubmissionRecord, action: VendorAction): boolean {
  try {
    assertVendorMay(submission, action);
    return true;
  } catch {
    return false;
  }
}

const notices: Record<string, string> = { submitted: 'vendor.notice.submitted', withdrawn: 'vendor.notice.withdrawn', revised: 'vendor.notice.revised', attached: 'vendor.notice.attached', created: 'vendor.notice.created' };

/** The notice a redirect after an action asks for (`?done=submitted`…), in `lang`. */
export function noticeOf(req: Request, lang: Language): string | null {
  const key = typeof req.query.done === 'string' ? notices[req.query.done] : undefined;
  return key ? t(lang, key) : null;
}

/**
 * Renders /submissions/:id: the submission with its tracks and decisions, the newest revision's clause matrix
 * (failures linked to the fields of the edit form below it), the edit form ("edit and re-check" stores a new
 * revision), submit for review (or why not), attachments, revisions and certificates. What the actor may do
 * is asked of the policies; what the state allows, of the workflow. Not visible: the 404 page.
 */
export async function renderSubmissionPage(ctx: AppContext, req: Request, res: Response, id: string, state: SubmissionPageState = {}, status = 200): Promise<void> {
  const lang = res.locals.lang as Language;
  const actor = res.locals.actor as Actor;
  const view = await getSubmission(ctx.store, actor, id);
  const { submission } = view;
  const latest = view.revisions[view.revisions.length - 1];
  const record = await ctx.store.standards.get(submission.standardCode, submission.standardVersion);
  if (!latest || !record) throw new DomainError('not_found', `submission ${id} has no revision or standard`);
  const standard = await standardFormOf(ctx.store.standards, ctx.engine, record);
  const may = (action: VendorAction) => can(actor, `submission.${action}`, submission) && stateAllows(submission, action);
  const owner = can(actor, 'submission.revise', submission);

  const form = may('revise')
    ? specFormView(standard, state.form ?? { values: latest.spec }, lang, {
      action: `/submissions/${encodeURIComponent(id)}/revise`, hidden: { revision: String(submission.revision) },
      submitLabel: t(lang, 'vendor.submission.recheck'),
    })
    : null;
  const matrix = presentClauseMatrix(latest.report, lang, { spec: latest.spec, clauses: standard.clauses, fieldIds: form?.model.fieldIds });
  const now = ctx.certificates.now();
  const certificates = await Promise.all((await ctx.store.certificates.listBySubmission(id)).map((certificate) => certificateRow(ctx.store, certificate, now)));

  renderPage(req, res, 'submission', {
    title: `${submission.manufacturer} ${submission.model}`,
    submission: {
      id: submission.id, manufacturer: submission.manufacturer, model: submission.model, status: submission.status,
      revision: submission.revision, createdAt: submission.createdAt, updatedAt: submission.updatedAt,
      standard: { code: record.code, version: record.version, title: record.title },
    },
    product: latest.product,
    tracks: view.tracks.map((track) => ({ ...track, decisionKey: track.decision ? `vendor.decision.${track.decision}` : null })),
    decisions: view.decisions,
    matrix,
    form: form?.view ?? null,
    submit: owner ? {
      allowed: may('submit') && latest.conforms,
      stateAllows: stateAllows(submission, 'submit'),
      conforms: latest.conforms,
    } : null,
    withdraw: may('withdraw'),
    actionError: state.actionError ?? null,
    notice: state.notice ?? noticeOf(req, lang),
    attachments: view.attachments.map((attachment) => ({ ...attachment, href: `/submissions/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachment.id)}` })),
    attach: may('attach') ? {
      kinds: attachmentKinds.map((kind) => ({ value: kind, selected: kind === (state.attachmentKind ?? 'datasheet') })),
    } : null,
    errors: state.attachmentErrors ?? {},
    revisions: [...view.revisions].reverse().map((revision) => ({ number: revision.number, conforms: revision.conforms, createdAt: revision.createdAt, specHash: revision.specHash })),
    canCompare: view.revisions.length > 1,
    compareHref: view.revisions.length > 1 ? `/submissions/${encodeURIComponent(id)}/revisions?from=${latest.number - 1}&to=${latest.number}` : null,
    certificates,
  }, status);
}
