import { randomUUID } from 'node:crypto';
import type { CertifiedSpec, ImpactOutcomeRecord, ImpactRunRecord, ImpactTotals, StandardRecord, Store } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { appendAudit } from '../../audit/append.ts';
import type { CheckableStandard, CheckRunner } from '../../checking/check-runner.ts';
import type { ConformanceReport } from '../../conformance/index.ts';
import { DomainError, isDomainError } from '../../errors.ts';
import { authorize } from '../../policies/index.ts';
import { checkableStandard } from '../lookup.ts';

/** What an impact run needs: the store, and where the checks run (the worker pool in the server, in-process in the CLI). */
export interface ImpactContext {
  store: Store;
  checks: CheckRunner;
}

export interface ImpactOptions {
  /** Certificates read (and outcomes written) per page. */
  pageSize?: number;
  /** Checks in flight at once (the worker pool runs them in parallel; in-process they run one after another). */
  concurrency?: number;
  /** Hears the progress after each page: certificates done, and the total found when the run started. */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
  requestId?: string | null;
}

/** Errors of one spec that leave that certificate unchecked rather than stopping the run. */
const perSpecErrors = new Set(['check_too_expensive', 'validation_failed']);
const maxRetries = 20;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The spec's report, retrying while the check pool is busy; null when this spec cannot be checked (over budget). */
async function reportOf(checks: CheckRunner, standard: CheckableStandard, spec: unknown): Promise<ConformanceReport | null> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await checks.check(standard, spec);
    } catch (error) {
      if (isDomainError(error) && perSpecErrors.has(error.code)) return null;
      if (isDomainError(error, 'unavailable') && attempt < maxRetries) {
        await pause(Math.min(1000, 50 * 2 ** attempt));
        continue;
      }
      throw error;
    }
  }
}

/** One certificate's outcome from its report. */
function outcomeOf(runId: string, certified: CertifiedSpec, report: ConformanceReport | null): ImpactOutcomeRecord {
  if (!report) return { runId, number: certified.number, issuedUnder: certified.issuedUnder, outcome: 'unchecked', failingClauses: [] };
  if (report.conforms) return { runId, number: certified.number, issuedUnder: certified.issuedUnder, outcome: 'conforms', failingClauses: [] };
  const failingClauses = report.clauses.filter((clause) => clause.status === 'fail').map((clause) => clause.clause);
  return { runId, number: certified.number, issuedUnder: certified.issuedUnder, outcome: 'fails', failingClauses };
}

/** Checks one page with at most `concurrency` checks in flight; outcomes in the page's order. */
async function checkPage(checks: CheckRunner, standard: CheckableStandard, runId: string, page: CertifiedSpec[], concurrency: number): Promise<ImpactOutcomeRecord[]> {
  const outcomes = new Array<ImpactOutcomeRecord>(page.length);
  let next = 0;
  const lane = async () => {
    while (next < page.length) {
      const i = next++;
      outcomes[i] = outcomeOf(runId, page[i]!, await reportOf(checks, standard, page[i]!.spec));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, page.length) }, lane));
  return outcomes;
}

/** The draft an impact run checks against: only a draft (the version about to be published) is analysed. */
export async function draftForImpact(store: Store, code: string, version: string): Promise<StandardRecord> {
  const record = await store.standards.get(code, version);
  if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
  if (record.status !== 'draft') {
    throw new DomainError('invalid_state', `${code}@${version} is ${record.status}; impact analysis is for a draft before it is published`, { state: record.status });
  }
  return record;
}

/**
 * Re-checks the approved spec of every certificate of the draft's code that is valid or suspended (and not
 * expired), whichever version of the code it was issued under, against the draft, and stores the result with
 * the draft: per certificate whether it would still conform and which clauses it would fail, and per clause
 * how many certificates would fail it. Specs are read a page at a time in issuance order and each page's
 * outcomes are written in one transaction, so memory stays flat whatever the register's size. A spec whose
 * check goes over its budget is recorded as unchecked. The finished run replaces the draft's earlier result.
 */
export async function runImpact(ctx: ImpactContext, actor: Actor, code: string, version: string, options: ImpactOptions = {}): Promise<ImpactRunRecord> {
  authorize(actor, 'standard.impact.run');
  const draft = await draftForImpact(ctx.store, code, version);
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 500;
  const concurrency = options.concurrency ?? 8;
  const standard = checkableStandard(ctx.store, draft);
  const startedAt = now().toISOString();
  const total = await ctx.store.impact.countCertified(code, startedAt);
  const run = { id: randomUUID(), code, version, contentHash: draft.contentHash, ranBy: actor.userId, startedAt };
  await ctx.store.transaction((tx) => tx.impact.startRun(run));
  const totals: ImpactTotals = { checked: 0, conforming: 0, failing: 0, unchecked: 0 };
  const clauseCounts: Record<string, number> = {};
  let after = 0;
  options.onProgress?.(0, total);
  for (;;) {
    const page = await ctx.store.impact.certifiedSpecs(code, startedAt, after, pageSize);
    if (page.length === 0) break;
    after = page.at(-1)!.position;
    const outcomes = await checkPage(ctx.checks, standard, run.id, page, concurrency);
    for (const outcome of outcomes) {
      if (outcome.outcome === 'unchecked') { totals.unchecked += 1; continue; }
      totals.checked += 1;
      if (outcome.outcome === 'conforms') totals.conforming += 1;
      else totals.failing += 1;
      for (const clause of outcome.failingClauses) clauseCounts[clause] = (clauseCounts[clause] ?? 0) + 1;
    }
    await ctx.store.transaction((tx) => tx.impact.addOutcomes(outcomes));
    options.onProgress?.(totals.checked + totals.unchecked, Math.max(total, totals.checked + totals.unchecked));
    if (page.length < pageSize) break;
  }
  const finishedAt = now().toISOString();
  await ctx.store.transaction(async (tx) => {
    await tx.impact.finishRun(run.id, finishedAt, totals, clauseCounts);
    await appendAudit(tx, { actor, requestId: options.requestId ?? null }, {
      action: 'standard.impact', subject: `standard:${code}@${version}`,
      summary: { contentHash: draft.contentHash, run: run.id, ...totals, clauses: clauseCounts },
    });
  });
  return { ...run, finishedAt, totals, clauseCounts };
}
