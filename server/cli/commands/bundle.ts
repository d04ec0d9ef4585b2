import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCertificatesContext } from '../../domain/certificates/context.ts';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { buildOfflineBundle } from '../../domain/verification/offline-bundle.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/** `registry bundle [--out FILE]`: the signed offline bundle for border posts, to FILE (written whole) or stdout. */
export async function bundleCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length) throw new UsageError('usage: registry bundle [--out FILE]');
  const certificates = createCertificatesContext({ store: ctx.store, vault: fileKeyVault(keysDirOf(ctx.config.dataDir)), publicBaseUrl: ctx.config.publicBaseUrl });
  const bundle = await buildOfflineBundle(certificates);
  if (!values.out) {
    ctx.print(bundle);
    return 0;
  }
  writeFileSync(values.out, `${bundle}\n`, { flag: 'w' });
  ctx.warn(`wrote ${values.out} (${Math.round(bundle.length / 1024)} KiB)`);
  return 0;
}
