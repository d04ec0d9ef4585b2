import { parseArgs } from 'node:util';
import { disableUser } from '../../domain/accounts/users.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { consoleActing, userByEmail } from './account-lookup.ts';

const usage = 'usage: registry user disable EMAIL';

/** `registry user disable EMAIL`: from now on none of the user's tokens authenticates (audited). */
export async function userDisableCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(usage);
  const user = await disableUser(ctx.store, consoleActing, (await userByEmail(ctx, positionals[0], usage)).id);
  ctx.print(JSON.stringify({ id: user.id, email: user.email, disabledAt: user.disabledAt }));
  return 0;
}
