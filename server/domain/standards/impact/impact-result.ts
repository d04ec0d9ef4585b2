import type { ImpactOutcomeRecord, ImpactRunRecord, Store } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { DomainError } from '../../errors.ts';
import { authorize } from '../../policies/index.ts';

/** A version's stored impact result as people and programs read it. */
export interface ImpactResult {
  code: string;
  version: string;
  /** The version's content hash now. */
  contentHash: string;
  /** The newest finished run, or null when none was run. */
  run: ImpactRunRecord | null;
  /** True when the run checked other content than the version holds now (the draft was replaced since). */
  outdated: boolean;
  /** Clauses that certificates would fail, the most failed first, with how many certificates fail each. */
  clauses: Array<{ clause: string; certificates: number }>;
  /** The certificates that would fail, by number (the first `limit`). */
  failing: Array<Pick<ImpactOutcomeRecord, 'number' | 'issuedUnder' | 'failingClauses'>>;
  /** True when more certificates would fail than `failing` lists. */
  failingTruncated: boolean;
}

/** Clause ids in document order when they are numbers ("5.2" before "5.10"), as text otherwise. */
const clauseOrder = new Intl.Collator('en', { numeric: true });

/** The stored impact result of a version (any status), with at most `limit` failing certificates listed. */
export async function readImpact(store: Store, actor: Actor, code: string, version: string, limit = 1000): Promise<ImpactResult> {
  authorize(actor, 'standard.impact.read');
  const record = await store.standards.get(code, version);
  if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
  const run = await store.impact.latestRun(code, version);
  const failing = run ? await store.impact.outcomes(run.id, 'fails', null, limit + 1) : [];
  return {
    code, version, contentHash: record.contentHash, run,
    outdated: run !== null && run.contentHash !== record.contentHash,
    clauses: run
      ? Object.entries(run.clauseCounts).map(([clause, certificates]) => ({ clause, certificates }))
        .sort((a, b) => b.certificates - a.certificates || clauseOrder.compare(a.clause, b.clause))
      : [],
    failing: failing.slice(0, limit).map(({ number, issuedUnder, failingClauses }) => ({ number, issuedUnder, failingClauses })),
    failingTruncated: failing.length > limit,
  };
}
