import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { tableFileOf } from '../../domain/standards/clause-table/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

const usage = 'usage: registry standard to-table CODE@VERSION --out FILE.xlsx|FILE.csv';

/** `registry standard to-table CODE@VERSION --out FILE`: writes a stored standard as a clause table (XLSX or CSV, by the file's extension). */
export async function standardToTableCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  const match = positionals.length === 1 ? /^([^@]+)@(.+)$/.exec(positionals[0]!) : null;
  const format = values.out === undefined ? null : ({ '.xlsx': 'xlsx', '.csv': 'csv' } as const)[extname(values.out).toLowerCase()];
  if (!match || !format) throw new UsageError(usage);
  const record = await ctx.store.standards.get(match[1]!, match[2]!);
  if (!record) throw new DomainError('not_found', `no standard ${match[1]}@${match[2]}`);
  const exported = await tableFileOf(record, format);
  writeFileSync(values.out!, exported.bytes);
  ctx.print(JSON.stringify({ code: record.code, version: record.version, out: values.out, rows: exported.rows, escapeHatchRows: exported.escapeHatchRows, jsonConditionRows: exported.jsonConditionRows }));
  return 0;
}
