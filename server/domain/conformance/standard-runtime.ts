import type { ValidateFunction } from 'ajv';
import { DomainError } from '../errors.ts';
import type { EngineAjv } from './ajv-factory.ts';
import { attributeErrors, type EngineError } from './attribution.ts';
import { buildClauseIndex, type ClauseIndex } from './clause-index.ts';
import { beginPassEpoch } from './clause-slots.ts';
import { indexDocuments, type DocumentIndex } from './document-index.ts';
import { certainClauses, createClauseTable, type ClauseTable, type Evaluation } from './evaluation.ts';
import type { SchemaNode } from './schema-walk.ts';
import type { PreparedStandard } from './types.ts';
import { classifyUncheckable } from './uncheckable.ts';

/** What the engine keeps behind a PreparedStandard. */
export interface StandardRuntime {
  readonly fast: ValidateFunction;
  readonly reporting: ValidateFunction;
  readonly documents: DocumentIndex;
  readonly index: ClauseIndex;
  readonly table: ClauseTable;
}

// A symbol-keyed property reads faster than a WeakMap lookup on every check, and stays hidden.
const runtimeKey = Symbol('conformanceRuntime');

/** The runtime behind `prepared`; throws when `prepared` was not made by an engine of this module. */
export function runtimeOf(prepared: PreparedStandard): StandardRuntime {
  const runtime = (prepared as PreparedStandard & { [runtimeKey]?: StandardRuntime })[runtimeKey];
  if (runtime === undefined) throw new TypeError('not a PreparedStandard made by a conformance engine');
  return runtime;
}

/** Freezes the public face of a prepared standard and links it to its runtime. */
export function registerRuntime(
  identity: { code: string; version: string; contentHash: string },
  runtime: StandardRuntime,
): PreparedStandard {
  const prepared: PreparedStandard = { ...identity, clauses: runtime.index.clauses };
  Object.defineProperty(prepared, runtimeKey, { value: runtime });
  return Object.freeze(prepared);
}

/**
 * Compiles `schema` with the fast instance (which belongs to this standard and already holds every
 * document it may reference) and indexes its clauses over the same objects. The all-errors
 * validator is compiled on the first failing check, from `reportingAjv()`: a conforming spec never
 * needs it, and preparing costs one compile instead of two.
 */
export function compileStandard(
  instances: { fast: EngineAjv; reportingAjv: () => EngineAjv },
  schema: SchemaNode,
  documents: readonly SchemaNode[],
): StandardRuntime {
  const fast = compileOrThrow(instances.fast, schema);
  const documentIndex = indexDocuments(schema, documents);
  const index = freezeIndex(buildClauseIndex(documentIndex));
  const table = createClauseTable(index.clauses, certainClauses(documentIndex));
  let reporting: ValidateFunction | undefined;
  return {
    fast,
    get reporting() {
      reporting ??= compileOrThrow(instances.reportingAjv(), schema);
      return reporting;
    },
    documents: documentIndex,
    index,
    table,
  };
}

/**
 * Validates `spec` with the fast validator; only when it fails, validates again with the
 * all-errors validator to attribute every failure. Never throws.
 */
export function evaluate(runtime: StandardRuntime, spec: unknown): Evaluation {
  try {
    const epoch = beginPassEpoch();
    if (runtime.fast(spec) === true) return runtime.table.conforming(epoch);
    const reportingEpoch = beginPassEpoch();
    runtime.reporting(spec);
    const errors = (runtime.reporting.errors ?? []) as EngineError[];
    return runtime.table.failing(reportingEpoch, attributeErrors(errors, runtime.documents));
  } catch (error) {
    return runtime.table.uncheckable(classifyUncheckable(error, spec));
  }
}

/**
 * The verdict and clause results of `spec` against `prepared`, without findings text or hashes
 * (the failures behind a failing verdict come along, unformatted).
 */
export function evaluateCore(prepared: PreparedStandard, spec: unknown): Evaluation {
  return evaluate(runtimeOf(prepared), spec);
}

/**
 * Compiles `schema` in `ajv`, turning ajv's refusal into a DomainError. Always compiles: a schema
 * whose `$id` the instance already holds (a meta-schema's, say) is refused, never looked up.
 */
export function compileOrThrow(ajv: EngineAjv, schema: SchemaNode): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = (error as Error).message;
    throw new DomainError('invalid_schema', `schema does not compile: ${reason}`, { reason });
  }
}

function freezeIndex(index: ClauseIndex): ClauseIndex {
  for (const info of index.clauses) {
    if (info.title !== null) Object.freeze(info.title);
    if (info.requirement !== null) Object.freeze(info.requirement);
    if (Array.isArray(info.source)) Object.freeze(info.source);
    Object.freeze(info);
  }
  return { clauses: Object.freeze([...index.clauses]), byId: index.byId };
}
