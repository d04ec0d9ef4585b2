import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { uploadStandard } from '../../domain/standards/catalog.ts';
import { documentFromTableFile, type TableHeader, type TableProblem } from '../../domain/standards/clause-table/index.ts';
import { isDomainError } from '../../domain/errors.ts';
import { systemActor } from '../../shipped-standards.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

const usage = 'usage: registry standard from-table FILE.xlsx|FILE.csv [--code C] [--version V] [--category K] [--title-en T] [--title-ru T] [--title-fa T] [--out FILE.json | --import]';

/**
 * `registry standard from-table FILE`: turns a clause table into a standard document, printed as JSON,
 * written to --out, or stored as a draft with --import. A table with problems prints one line per
 * problem (row, column, what is wrong) and exits 1; nothing is written or stored.
 */
export async function standardFromTableCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      code: { type: 'string' }, version: { type: 'string' }, category: { type: 'string' },
      'title-en': { type: 'string' }, 'title-ru': { type: 'string' }, 'title-fa': { type: 'string' },
      out: { type: 'string' }, import: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || (values.out !== undefined && values.import)) throw new UsageError(usage);
  const overrides: TableHeader = {
    code: values.code, version: values.version, category: values.category,
    'title en': values['title-en'], 'title ru': values['title-ru'], 'title fa': values['title-fa'],
  };
  let bytes: Buffer;
  try {
    bytes = readFileSync(positionals[0]!);
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document;
  try {
    ({ document } = await documentFromTableFile(bytes, overrides));
  } catch (error) {
    if (!isDomainError(error, 'validation_failed') || !Array.isArray(error.details.errors)) throw error;
    const problems = error.details.errors as TableProblem[];
    ctx.warn(`registry: ${positionals[0]}: ${error.message}`);
    for (const problem of problems) ctx.warn(`row ${problem.row}, column "${problem.column}": ${problem.message}`);
    return 1;
  }
  if (values.import) {
    const record = await uploadStandard({ store: ctx.store, checks: ctx.checks, limits: ctx.config.limits }, systemActor, document);
    ctx.print(JSON.stringify({ code: record.code, version: record.version, status: record.status, contentHash: record.contentHash }));
  } else if (values.out !== undefined) {
    writeFileSync(values.out, `${JSON.stringify(document, null, 2)}\n`);
    ctx.print(JSON.stringify({ code: document.code, version: document.version, out: values.out }));
  } else {
    ctx.print(JSON.stringify(document, null, 2));
  }
  return 0;
}
