import { requireRole } from '../../domain/accounts/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { validateInput } from '../../input-schemas.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { decodeCursor, encodeCursor, limitOf } from '../pagination.ts';
import { presentAuditEvent } from '../presenters/audit-event.ts';
import type { RouteDef } from './route.ts';

/**
 * The audit trail: admins read all of it; regulators read what concerns every regulator (standards) and
 * what concerns their jurisdiction (its submissions and accounts).
 */
export function auditRoutes({ store }: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/audit', tag: 'Audit', access: ['regulator', 'admin'], summary: 'Audit events in order, by subject (cursor paginated)',
      success: { status: 200, description: 'A page of hash-chained events and the next cursor' },
      async handler(req, res) {
        const actor = actorOf(res);
        requireRole(actor, 'regulator', 'admin');
        if (actor.role === 'regulator' && !actor.jurisdiction) throw new DomainError('forbidden', 'a regulator without a jurisdiction reads no audit events');
        const query = validateInput<{ subject?: string; limit?: string; cursor?: string }>('urn:irru:api:audit-query', { ...req.query });
        const limit = limitOf(query.limit, 50);
        const events = await store.audit.list({
          subject: query.subject, afterSeq: decodeCursor(query.cursor), limit: limit + 1,
          jurisdiction: actor.role === 'regulator' ? actor.jurisdiction! : undefined,
        });
        const page = events.slice(0, limit);
        res.json({ items: page.map(presentAuditEvent), next: encodeCursor(events.length > limit ? page[page.length - 1]!.seq : null) });
      },
    },
  ];
}
