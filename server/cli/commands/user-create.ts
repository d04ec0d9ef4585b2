import { parseArgs } from 'node:util';
import { setPassword } from '../../domain/accounts/password-changes.ts';
import { createUser, type NewUser } from '../../domain/accounts/users.ts';
import { validateInput } from '../../input-schemas.ts';
import type { CliContext } from '../cli-context.ts';
import { consoleActing } from './account-lookup.ts';
import { passwordFrom, passwordSourceOf } from './password-input.ts';

/**
 * `registry user create --email E --name N --role R --org O [--org-kind K] [--jurisdiction IR|RU]
 * [--password-stdin|--generate-password]`: prints one JSON object with the new user's id and API token (the only
 * time the token is shown) and, when generated, their password (likewise). A role that does not fit the
 * organisation's kind or jurisdiction, or a password the policy refuses, is refused (exit 2) and nothing is written.
 */
export async function userCreateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' },
      'org-kind': { type: 'string' }, jurisdiction: { type: 'string' },
      'password-stdin': { type: 'boolean' }, 'generate-password': { type: 'boolean' },
    },
    strict: true,
  });
  const { 'org-kind': orgKind, 'password-stdin': fromStdin, 'generate-password': generate, ...rest } = values;
  const input = validateInput<NewUser>('urn:irru:api:new-user', orgKind === undefined ? rest : { ...rest, orgKind });
  const source = passwordSourceOf(fromStdin, generate);
  // Read and checked before the user exists: a refused password leaves nothing behind.
  const password = source ? await passwordFrom(ctx, source, input.email) : null;
  const { user, token, tokenId } = await createUser(ctx.store, input, undefined, { tokenLifetimeDays: ctx.config.tokenLifetimeDays });
  if (password !== null) await setPassword(ctx.store, consoleActing, user.id, password);
  ctx.print(JSON.stringify({
    id: user.id, email: user.email, role: user.role, orgId: user.orgId, jurisdiction: user.jurisdiction, tokenId, token,
    ...(password !== null ? { passwordSet: true } : {}), ...(source === 'generate' ? { password } : {}),
  }));
  return 0;
}
