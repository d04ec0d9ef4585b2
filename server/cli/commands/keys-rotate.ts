import { parseArgs } from 'node:util';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { rotateOrganisationKey } from '../../domain/credentials/key-management.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/** `registry keys rotate --org NAME`: a new Ed25519 key for the authority; the old one stays published, retired. */
export async function keysRotateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } }, strict: true });
  if (!values.org) throw new UsageError('usage: registry keys rotate --org NAME');
  const result = await rotateOrganisationKey(ctx.store, fileKeyVault(keysDirOf(ctx.config.dataDir)), values.org);
  ctx.print(JSON.stringify(result));
  return 0;
}
