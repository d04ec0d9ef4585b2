import { verifyAuditTrail } from '../../domain/audit/verify-trail.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/**
 * `registry audit verify`: recomputes every link of the audit trail. Prints one JSON line: `{ ok: true,
 * events, head }` (exit 0), or `{ ok: false, events, broken: { seq, reason, expected, found } }` naming the
 * first broken link (exit 1).
 */
export async function auditVerifyCommand(ctx: CliContext, args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError('usage: registry audit verify');
  const result = await verifyAuditTrail(ctx.store.audit);
  ctx.print(JSON.stringify(result));
  return result.ok ? 0 : 1;
}
