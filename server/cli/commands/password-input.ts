import { generatePassword } from '../../domain/accounts/generated-passwords.ts';
import { checkPassword } from '../../domain/accounts/passwords.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/** Where a command's password comes from: standard input, or generated (then printed once). */
export type PasswordSource = 'stdin' | 'generate';

/** The source the flags name, or undefined when neither is given; both at once is a usage error. */
export function passwordSourceOf(fromStdin: boolean | undefined, generate: boolean | undefined): PasswordSource | undefined {
  if (fromStdin && generate) throw new UsageError('give either a password on standard input or a generated one, not both');
  if (fromStdin) return 'stdin';
  return generate ? 'generate' : undefined;
}

/**
 * The password to set, checked against the policy for `email` before anything is written: read from standard
 * input (one trailing line break dropped, as `echo` adds one) or generated. Never printed or logged here.
 */
export async function passwordFrom(ctx: CliContext, source: PasswordSource, email: string): Promise<string> {
  let password: string;
  if (source === 'generate') {
    password = generatePassword();
  } else {
    if (!ctx.readStdin) throw new UsageError('--password-stdin needs standard input, and there is none here');
    password = (await ctx.readStdin()).replace(/\r?\n$/, '');
    if (password.length === 0) throw new UsageError('no password on standard input');
    if (/[\r\n]/.test(password)) throw new UsageError('the password on standard input spans several lines; give one line');
  }
  checkPassword(password, email);
  return password;
}
