import { parseArgs } from 'node:util';
import { checkableStandard, resolveCheckableStandard } from '../../domain/standards/lookup.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { readJsonFile } from '../json-file.ts';

/** `registry check --standard CODE[@VERSION] FILE`: prints the report; exit code 1 when the spec does not conform. */
export async function checkCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { standard: { type: 'string' } }, allowPositionals: true, strict: true });
  if (!values.standard || positionals.length !== 1) throw new UsageError('usage: registry check --standard CODE[@VERSION] FILE');
  const [code, version] = values.standard.split('@') as [string, string | undefined];
  const spec = readJsonFile(positionals[0]!);
  const record = await resolveCheckableStandard(ctx.store, code, version);
  const report = await ctx.checks.check(checkableStandard(ctx.store, record), spec);
  ctx.print(JSON.stringify(report, null, 2));
  return report.conforms ? 0 : 1;
}
