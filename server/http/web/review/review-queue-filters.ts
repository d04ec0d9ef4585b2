import type { Request } from 'express';
import type { ReviewQueueFilters } from '../../../domain/submissions/review-queue.ts';
import { submissionStates } from '../../../domain/submissions/workflow.ts';
import type { ReviewQueuePosition, StandardRecord, SubmissionStatus } from '../../../store/port.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';

/** The queue filters as typed (echoed back into the form), with an error per field. */
export interface QueueForm {
  status: string;
  standard: string;
  category: string;
  from: string;
  to: string;
}

/** A regulator never sees drafts, so the queue filters by the other states. */
export const queueStatuses: readonly SubmissionStatus[] = submissionStates.filter((status) => status !== 'draft');

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a calendar date typed as YYYY-MM-DD, or null when it is no real date. */
function dateOf(text: string): Date | null {
  const match = datePattern.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? date : null;
}

/** An opaque page cursor: where the previous page ended, as base64url JSON. */
export function encodeQueueCursor(position: ReviewQueuePosition): string {
  return Buffer.from(JSON.stringify({ a: position.submittedAt, s: position.seq })).toString('base64url');
}

function decodeQueueCursor(cursor: string): ReviewQueuePosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const { a, s } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown; s?: unknown };
    return typeof a === 'string' && a.length <= 40 && Number.isSafeInteger(s) && (s as number) >= 0 ? { submittedAt: a, seq: s as number } : null;
  } catch {
    return null;
  }
}

/**
 * The queue's filters from the query string, checked against the catalog: the form as typed, the domain
 * filters, and an error message (in `lang`) for each field that is wrong; `cursor` errors concern the page link.
 */
export function readQueueFilters(req: Request, lang: Language, standards: readonly StandardRecord[], pageSize: number) {
  const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, 200) : '');
  const form: QueueForm = { status: text('status'), standard: text('standard'), category: text('category'), from: text('from'), to: text('to') };
  const errors: Record<string, string> = {};
  const filters: ReviewQueueFilters = { limit: pageSize };
  if (form.status) {
    if ((queueStatuses as readonly string[]).includes(form.status)) filters.statuses = [form.status as SubmissionStatus];
    else errors.status = t(lang, 'review.filter.badStatus');
  }
  if (form.standard) {
    if (standards.some((record) => record.code === form.standard)) filters.standardCode = form.standard;
    else errors.standard = t(lang, 'review.filter.unknownStandard');
  }
  if (form.category) {
    if (standards.some((record) => record.category === form.category)) filters.category = form.category;
    else errors.category = t(lang, 'review.filter.unknownCategory');
  }
  const from = form.from ? dateOf(form.from) : null;
  const to = form.to ? dateOf(form.to) : null;
  if (form.from && !from) errors.from = t(lang, 'review.filter.badDate');
  if (form.to && !to) errors.to = t(lang, 'review.filter.badDate');
  else if (from && to && to < from) errors.to = t(lang, 'review.filter.badRange');
  if (from) filters.submittedFrom = from.toISOString();
  if (to) filters.submittedBefore = new Date(to.getTime() + 86_400_000).toISOString();
  const cursor = text('cursor');
  if (cursor) {
    const after = decodeQueueCursor(cursor);
    if (after) filters.after = after;
    else errors.cursor = t(lang, 'review.filter.badCursor');
  }
  return { form, filters, errors };
}

/** The query string of the queue's next page: the same filters, the new cursor. */
export function nextPageHref(form: QueueForm, next: ReviewQueuePosition): string {
  const params = new URLSearchParams(Object.entries(form).filter(([, value]) => value !== ''));
  params.set('cursor', encodeQueueCursor(next));
  return `/review?${params.toString()}`;
}
