import type { AuditEventRecord, Store, SubmissionRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { auditListScope, authorize, can, submissionIdOfSubject } from '../policies/index.ts';

/** What a reader of the trail may narrow it by. */
export interface AuditListFilters {
  subject?: string;
  /** Only events with seq above this (the cursor). */
  afterSeq?: number;
  limit: number;
}

/** A page of the trail: the events the actor may read, and the seq to continue after (null: the end). */
export interface AuditPage {
  items: AuditEventRecord[];
  next: number | null;
}

async function submissionsOf(store: Store, events: AuditEventRecord[]): Promise<Map<string, SubmissionRecord | null>> {
  const ids = new Set(events.map((event) => submissionIdOfSubject(event.subject)).filter((id): id is string => id !== null));
  const found = await Promise.all([...ids].map(async (id) => [id, await store.submissions.get(id)] as const));
  return new Map(found);
}

/**
 * The audit events the actor may read, in seq order. The store filters by the actor's jurisdiction
 * (the scope recorded with each event); the audit policy then decides each event on its subject. A
 * page may hold fewer than `limit` events when some were not readable; `next` is null only at the end.
 */
export async function listAuditEvents(store: Store, actor: Actor, filters: AuditListFilters): Promise<AuditPage> {
  authorize(actor, 'audit.read');
  const events = await store.audit.list({ ...filters, ...auditListScope(actor), limit: filters.limit + 1 });
  const examined = events.slice(0, filters.limit);
  const submissions = await submissionsOf(store, examined);
  const items = examined.filter(function readable(event) {
    const id = submissionIdOfSubject(event.subject);
    return can(actor, 'audit.read', { event, submission: id === null ? undefined : submissions.get(id) ?? null });
  });
  return { items, next: events.length > filters.limit ? examined[examined.length - 1]!.seq : null };
}
