import { attributeErrors, failedClauses, type AttributedFailure, type EngineError } from './attribution.ts';
import { beginPassEpoch } from './clause-slots.ts';
import { runtimeOf, type ClauseTable, type StandardRuntime } from './standard-runtime.ts';
import type { ClauseResult, PreparedStandard } from './types.ts';

/** The verdict and clause results of one spec, with the failures behind them (the core of a report). */
export interface Evaluation {
  readonly conforms: boolean;
  readonly clauses: ClauseResult[];
  readonly failures: readonly AttributedFailure[];
  /** Set when the validator itself failed (e.g. the spec nests too deeply for the stack). */
  readonly uncheckable?: string;
}

const noFailures: readonly AttributedFailure[] = Object.freeze([]);

/**
 * Validates `spec` with the fast validator; only when it fails, validates again with the
 * all-errors validator to attribute every failure. Never throws.
 */
export function evaluate(runtime: StandardRuntime, spec: unknown): Evaluation {
  try {
    const epoch = beginPassEpoch();
    if (runtime.fast(spec) === true) return { conforms: true, clauses: runtime.table.readConforming(epoch), failures: noFailures };
    const reportingEpoch = beginPassEpoch();
    runtime.reporting(spec);
    const failures = attributeErrors((runtime.reporting.errors ?? []) as EngineError[], runtime.documents);
    return { conforms: false, clauses: clauseResults(runtime.table, reportingEpoch, failedClauses(failures)), failures };
  } catch (error) {
    return { conforms: false, clauses: runtime.table.notApplicable.slice(), failures: noFailures, uncheckable: String(error) };
  }
}

/**
 * Each clause: fail when a failure is attributed to it or to a clause inside it; else pass when
 * its subschema validated somewhere during the call of `epoch`; else not applicable.
 */
function clauseResults(table: ClauseTable, epoch: number, failed: ReadonlySet<string>): ClauseResult[] {
  const clauses = table.read(epoch);
  table.ids.forEach((id, i) => {
    if (failed.has(id)) clauses[i] = table.fail[i] as ClauseResult;
  });
  return clauses;
}

/**
 * The verdict and clause results of `spec` against `prepared`, without findings text or hashes
 * (the failures behind a failing verdict come along, unformatted).
 */
export function evaluateCore(prepared: PreparedStandard, spec: unknown): Evaluation {
  return evaluate(runtimeOf(prepared), spec);
}
