import { parseArgs } from 'node:util';
import { revokeToken } from '../../domain/accounts/api-tokens.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { consoleActing, describeToken } from './account-lookup.ts';

/** `registry token revoke ID`: revokes one token at once (audited) and prints it as one JSON object. */
export async function tokenRevokeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('usage: registry token revoke TOKEN_ID   (ids: registry token list --user EMAIL)');
  ctx.print(JSON.stringify(describeToken(await revokeToken(ctx.store, consoleActing, positionals[0]!))));
  return 0;
}
