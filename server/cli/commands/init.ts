import { publishShippedStandards } from '../../shipped-standards.ts';
import type { CliContext } from '../cli-context.ts';

/** `registry init`: creates the data directory and database, and publishes the shipped standards. */
export async function initCommand(ctx: CliContext): Promise<number> {
  const result = await publishShippedStandards(ctx);
  ctx.print(JSON.stringify({ dataDir: ctx.config.dataDir, store: ctx.store.kind, ...result }));
  return 0;
}
