import { withdrawStandard } from '../../domain/standards/catalog.ts';
import { systemActor } from '../../shipped-standards.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/**
 * `registry standard withdraw CODE@VERSION`: the operator withdraws a version as the registry itself. This is
 * the only way to withdraw the shipped joint IR–RU standards (owned by the registry, not by one authority).
 */
export async function standardWithdrawCommand(ctx: CliContext, args: string[]): Promise<number> {
  const match = args.length === 1 ? /^([^@]+)@(.+)$/.exec(args[0]!) : null;
  if (!match) throw new UsageError('usage: registry standard withdraw CODE@VERSION');
  const catalog = { store: ctx.store, checks: ctx.checks, limits: ctx.config.limits };
  const record = await withdrawStandard(catalog, systemActor, match[1]!, match[2]!);
  ctx.print(JSON.stringify({ code: record.code, version: record.version, status: record.status }));
  return 0;
}
