import { parseArgs } from 'node:util';
import { publishStandard, uploadStandard } from '../../domain/standards/catalog.ts';
import { readStandardFile, systemActor } from '../../shipped-standards.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

/** `registry standard import FILE [--publish]`: stores a standard document as a draft, and publishes it with --publish. */
export async function standardImportCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { publish: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('usage: registry standard import FILE [--publish]');
  const catalog = { store: ctx.store, checks: ctx.checks, limits: ctx.config.limits, transitionDays: ctx.config.transitionDays };
  const document = readStandardFile(positionals[0]!);
  let record = await uploadStandard(catalog, systemActor, document);
  if (values.publish) record = await publishStandard(catalog, systemActor, record.code, record.version);
  ctx.print(JSON.stringify({ code: record.code, version: record.version, status: record.status, contentHash: record.contentHash }));
  return 0;
}
