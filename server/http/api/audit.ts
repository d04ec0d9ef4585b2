import { listAuditEvents } from '../../domain/audit/list.ts';
import { validateInput } from '../../input-schemas.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { decodeCursor, encodeCursor, limitOf } from '../pagination.ts';
import { presentAuditEvent } from '../presenters/audit-event.ts';
import type { RouteDef } from './route.ts';

/** The audit trail: admins read all of it; regulators what the audit policy lets them see. */
export function auditRoutes({ store }: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/audit', tag: 'Audit', policy: 'audit.read', summary: 'Audit events in order, by subject (cursor paginated)',
      success: { status: 200, description: 'A page of hash-chained events and the next cursor (a page may be short when events are not readable to you)' },
      handler: async function readAuditTrail(req, res) {
        const query = validateInput<{ subject?: string; limit?: string; cursor?: string }>('urn:irru:api:audit-query', { ...req.query });
        const page = await listAuditEvents(store, actorOf(res), { subject: query.subject, afterSeq: decodeCursor(query.cursor), limit: limitOf(query.limit, 50) });
        res.json({ items: page.items.map(presentAuditEvent), next: encodeCursor(page.next) });
      },
    },
  ];
}
