import { parseArgs } from 'node:util';
import { readImpact } from '../../domain/standards/impact/impact-result.ts';
import { runImpact } from '../../domain/standards/impact/impact-run.ts';
import { systemActor } from '../../shipped-standards.ts';
import { processOutput, UsageError, type CliContext } from '../cli-context.ts';

const usage = 'usage: registry impact --standard CODE@VERSION';
const barWidth = 30;

/**
 * Progress on stderr: a bar redrawn in place on a terminal; otherwise (a log, a pipe, a test) a plain line at
 * the start, at every tenth of the way and at the end.
 */
function progressReporter(ctx: CliContext): { report(done: number, total: number): void; end(): void } {
  const tty = ctx.warn === processOutput.warn && process.stderr.isTTY === true;
  let lastTenth = -1;
  let drawn = false;
  return {
    report(done, total) {
      const share = total === 0 ? 1 : done / total;
      if (tty) {
        const filled = Math.round(share * barWidth);
        process.stderr.write(`\rimpact [${'#'.repeat(filled)}${' '.repeat(barWidth - filled)}] ${Math.floor(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      ctx.warn(`impact: ${done} of ${total} certificates checked (${tenth * 10}%)`);
    },
    end() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

/**
 * `registry impact --standard CODE@VERSION`: re-checks every certified product of the code against the draft
 * and stores the result with it; prints the result (totals, failing clauses with their counts, failing
 * certificates) as JSON. Exit code 1 when any certificate would fail, 0 when none would.
 */
export async function impactCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { standard: { type: 'string' } }, allowPositionals: true, strict: true });
  const match = /^([^@\s]+)@([^@\s]+)$/.exec(values.standard ?? '');
  if (!match || positionals.length > 0) throw new UsageError(usage);
  const [, code, version] = match as unknown as [string, string, string];
  const progress = progressReporter(ctx);
  try {
    await runImpact(ctx, systemActor, code, version, { onProgress: progress.report, concurrency: 1 });
  } finally {
    progress.end();
  }
  const result = await readImpact(ctx.store, systemActor, code, version, 10_000_000);
  ctx.print(JSON.stringify({ ...result, run: result.run && { ...result.run, clauseCounts: undefined } }, null, 2));
  return (result.run?.totals.failing ?? 0) > 0 ? 1 : 0;
}
