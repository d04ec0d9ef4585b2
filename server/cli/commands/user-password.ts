import { parseArgs } from 'node:util';
import { setPassword } from '../../domain/accounts/password-changes.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { consoleActing, userByEmail } from './account-lookup.ts';
import { passwordFrom, passwordSourceOf } from './password-input.ts';

const usage = 'usage: registry user password EMAIL --password-stdin|--generate';

/**
 * `registry user password EMAIL --password-stdin|--generate`: sets the user's password (audited as a reset by
 * the operator); every session of theirs ends. Prints one JSON object; a generated password is in it, the
 * only time it is ever shown. A password read from standard input is never echoed.
 */
export async function userPasswordCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, options: { 'password-stdin': { type: 'boolean' }, generate: { type: 'boolean' } }, allowPositionals: true, strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(usage);
  const source = passwordSourceOf(values['password-stdin'], values.generate);
  if (!source) throw new UsageError('say where the password comes from: --password-stdin (piped in) or --generate (printed once)');
  const user = await userByEmail(ctx, positionals[0], usage);
  const password = await passwordFrom(ctx, source, user.email);
  await setPassword(ctx.store, consoleActing, user.id, password);
  ctx.print(JSON.stringify({ id: user.id, email: user.email, sessionsEnded: true, ...(source === 'generate' ? { password } : {}) }));
  return 0;
}
