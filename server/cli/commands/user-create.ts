import { parseArgs } from 'node:util';
import { createUser, type NewUser } from '../../domain/accounts/users.ts';
import { validateInput } from '../../input-schemas.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * `registry user create --email E --name N --role R --org O [--jurisdiction IR|RU]`: prints one JSON
 * object with the new user's id and API token (the only time the token is shown).
 */
export async function userCreateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, jurisdiction: { type: 'string' } },
    strict: true,
  });
  const input = validateInput<NewUser>('urn:irru:api:new-user', values);
  const { user, token } = await createUser(ctx.store, input);
  ctx.print(JSON.stringify({ id: user.id, email: user.email, role: user.role, orgId: user.orgId, jurisdiction: user.jurisdiction, token }));
  return 0;
}
