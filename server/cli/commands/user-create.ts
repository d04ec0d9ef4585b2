import { parseArgs } from 'node:util';
import { createUser, type NewUser } from '../../domain/accounts/users.ts';
import { validateInput } from '../../input-schemas.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * `registry user create --email E --name N --role R --org O [--org-kind K] [--jurisdiction IR|RU]`: prints
 * one JSON object with the new user's id and API token (the only time the token is shown). A role that does
 * not fit the organisation's kind or jurisdiction is refused (exit 2) and nothing is written.
 */
export async function userCreateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' },
      'org-kind': { type: 'string' }, jurisdiction: { type: 'string' },
    },
    strict: true,
  });
  const { 'org-kind': orgKind, ...rest } = values;
  const input = validateInput<NewUser>('urn:irru:api:new-user', orgKind === undefined ? rest : { ...rest, orgKind });
  const { user, token, tokenId } = await createUser(ctx.store, input, undefined, { tokenLifetimeDays: ctx.config.tokenLifetimeDays });
  ctx.print(JSON.stringify({ id: user.id, email: user.email, role: user.role, orgId: user.orgId, jurisdiction: user.jurisdiction, tokenId, token }));
  return 0;
}
