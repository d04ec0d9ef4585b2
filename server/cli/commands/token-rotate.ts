import { parseArgs } from 'node:util';
import { rotateTokens } from '../../domain/accounts/api-tokens.ts';
import type { CliContext } from '../cli-context.ts';
import { consoleActing, describeToken, parseDays, userByEmail } from './account-lookup.ts';

const usage = 'usage: registry token rotate --user EMAIL [--token ID] [--name LABEL] [--expires-in-days N]';

/**
 * `registry token rotate --user EMAIL [--token ID]`: issues a new token and revokes the one named (or every
 * one not revoked) in one transaction; prints the new token (shown this once) and the revoked ids.
 */
export async function tokenRotateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { user: { type: 'string' }, token: { type: 'string' }, name: { type: 'string' }, 'expires-in-days': { type: 'string' } },
    strict: true,
  });
  const user = await userByEmail(ctx, values.user, usage);
  const rotation = { tokenId: values.token, name: values.name, expiresInDays: parseDays(values['expires-in-days'], '--expires-in-days') };
  const rotated = await rotateTokens(ctx.store, consoleActing, user.id, rotation, { tokenLifetimeDays: ctx.config.tokenLifetimeDays });
  ctx.print(JSON.stringify({ ...describeToken(rotated.record), token: rotated.token, revoked: rotated.revoked }));
  return 0;
}
