import { parseArgs } from 'node:util';
import { listTokens } from '../../domain/accounts/api-tokens.ts';
import type { CliContext } from '../cli-context.ts';
import { consoleActing, describeToken, userByEmail } from './account-lookup.ts';

const usage = 'usage: registry token list --user EMAIL';

/** `registry token list --user EMAIL`: prints one JSON object with the user's tokens, newest first (no hashes). */
export async function tokenListCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { user: { type: 'string' } }, strict: true });
  const user = await userByEmail(ctx, values.user, usage);
  const tokens = await listTokens(ctx.store, consoleActing.actor, user.id);
  ctx.print(JSON.stringify({ user: { id: user.id, email: user.email, disabledAt: user.disabledAt }, tokens: tokens.map((token) => describeToken(token)) }));
  return 0;
}
