import { consoleOperator, type Actor } from '../../domain/accounts/actor.ts';
import { tokenStatus } from '../../domain/accounts/tokens.ts';
import type { Acting } from '../../domain/audit/append.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ApiTokenRecord, UserRecord } from '../../store/port.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/** How account commands act: as the console operator (an admin, audited as `system`), outside any request. */
export const consoleActing: Acting<Actor> = Object.freeze({ actor: consoleOperator, requestId: null });

/** The user with this email; a missing option is a usage error, an unknown email not_found (both exit 2). */
export async function userByEmail(ctx: CliContext, email: string | undefined, usage: string): Promise<UserRecord> {
  if (!email) throw new UsageError(usage);
  const user = await ctx.store.users.findByEmail(email.toLowerCase());
  if (!user) throw new DomainError('not_found', `no user with the email ${email}`);
  return user;
}

/** A token as the CLI prints it: id, label, dates and status; never the hash. */
export function describeToken(token: ApiTokenRecord, now = new Date()) {
  return { id: token.id, name: token.name, createdAt: token.createdAt, expiresAt: token.expiresAt, revokedAt: token.revokedAt, status: tokenStatus(token, now) };
}

/** Parses a positive whole number of days given on the command line. */
export function parseDays(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`${option} must be a whole number of days 1–3650, got "${value}"`);
  return days;
}
