import { createRequire } from 'node:module';
import type { Evaluation } from './evaluation.ts';
import { localizeErrors } from './messages.ts';
import { specHash } from './spec-hash.ts';
import type { StandardRuntime } from './standard-runtime.ts';
import type { ClauseResult, ConformanceReport, Finding, PreparedStandard } from './types.ts';
import type { Uncheckable } from './uncheckable.ts';

/** Most findings one report lists; the rest are counted in findingsTotal (see README "Limits"). */
export const maxReportedFindings = 1000;

const require = createRequire(import.meta.url);
const ajvVersion = (require('ajv/package.json') as { version: string }).version;

/**
 * Names the engine in every report. The version changes whenever attribution or verdict logic
 * changes, and carries the ajv version because the verdict is ajv's.
 */
export const engineInfo: { readonly name: string; readonly version: string } = Object.freeze({
  name: 'irru-conformance-engine',
  version: `1.1.0+ajv.${ajvVersion}`,
});

/**
 * The full report for an evaluation: the first maxReportedFindings findings with messages in three
 * languages and the total count, the spec's hash, the engine and the time. The clause results are
 * shared, frozen objects.
 */
export function buildReport(
  prepared: PreparedStandard,
  runtime: StandardRuntime,
  evaluation: Evaluation,
  spec: unknown,
  now: Date,
): ConformanceReport {
  return {
    conforms: evaluation.conforms,
    standard: { code: prepared.code, version: prepared.version, hash: prepared.contentHash },
    // Throws for a spec with no canonical form: a report never carries an empty or made-up hash.
    specHash: specHash(spec),
    engine: { name: engineInfo.name, version: engineInfo.version },
    checkedAt: now.toISOString(),
    findings: evaluation.uncheckable === undefined ? findingsOf(runtime, evaluation) : [uncheckableFinding(evaluation.uncheckable)],
    findingsTotal: evaluation.uncheckable === undefined ? evaluation.failures.length : 1,
    findingsTruncated: evaluation.failures.length > maxReportedFindings,
    // Frozen and shared; the public type stays mutable (see ConformanceReport.clauses).
    clauses: evaluation.clauses as ClauseResult[],
  };
}

function findingsOf(runtime: StandardRuntime, evaluation: Evaluation): Finding[] {
  // Only the listed findings are localized: a spec with 20,000 failures costs 1,000 messages.
  const listed = evaluation.failures.slice(0, maxReportedFindings);
  const messages = localizeErrors(listed.map((failure) => failure.error));
  return listed.map((failure, i) => {
    const { error, clause, schemaPath } = failure;
    const text = messages[i] ?? { en: error.keyword, ru: error.keyword, fa: error.keyword };
    return {
      clause,
      title: clause === null ? null : (runtime.index.byId.get(clause)?.title ?? null),
      status: 'fail',
      instancePath: error.instancePath,
      schemaPath,
      keyword: error.keyword,
      message: text.en,
      messages: text,
      params: { ...error.params },
    };
  });
}

function uncheckableFinding(reason: Uncheckable): Finding {
  return {
    clause: null,
    title: null,
    status: 'fail',
    instancePath: '',
    schemaPath: '#',
    keyword: 'uncheckable',
    message: reason.messages.en,
    messages: { ...reason.messages },
    params: { limit: reason.limit, specDepth: reason.specDepth },
  };
}
