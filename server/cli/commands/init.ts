import { publishShippedStandards } from '../../shipped-standards.ts';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { ensureSigningKeys } from '../../domain/credentials/key-management.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * `registry init`: creates the data directory and database, publishes the shipped standards, and creates the
 * log key, the checkpoint witness keys of IR and RU, and a signing key for every regulator authority that has
 * none (private keys in <dataDir>/keys, 0600).
 */
export async function initCommand(ctx: CliContext): Promise<number> {
  const result = await publishShippedStandards(ctx);
  const keysCreated = await ensureSigningKeys(ctx.store, fileKeyVault(keysDirOf(ctx.config.dataDir)), new Date(), ctx.config.publicBaseUrl);
  ctx.print(JSON.stringify({ dataDir: ctx.config.dataDir, store: ctx.store.kind, ...result, keysCreated }));
  return 0;
}
