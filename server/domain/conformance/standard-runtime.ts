import type { ValidateFunction } from 'ajv';
import { DomainError } from '../errors.ts';
import type { EngineAjv } from './ajv-factory.ts';
import { buildClauseIndex, type ClauseIndex } from './clause-index.ts';
import { certainClauses } from './clause-certainty.ts';
import { compileClauseReader, type ClauseReader } from './clause-reader.ts';
import { clauseSlot } from './clause-slots.ts';
import { indexDocuments, type DocumentIndex } from './document-index.ts';
import type { SchemaNode } from './schema-walk.ts';
import type { ClauseInfo, ClauseResult, PreparedStandard } from './types.ts';

/**
 * The possible results of every clause, in index order, built once per standard; the result
 * objects are frozen and shared by every report.
 */
export interface ClauseTable {
  /** The clause ids, in index order. */
  readonly ids: readonly string[];
  /** The pass/not-applicable results of any check, from its epoch's pass marks. */
  readonly read: ClauseReader;
  /** The same for a check whose spec conformed, where some clauses are known to pass. */
  readonly readConforming: ClauseReader;
  readonly pass: readonly ClauseResult[];
  readonly fail: readonly ClauseResult[];
  readonly notApplicable: readonly ClauseResult[];
}

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
 * Compiles `schema` with the fast and reporting instances (which already hold every document it
 * may reference) and indexes its clauses over the same schema objects ajv holds.
 */
export function compileStandard(
  instances: { fast: EngineAjv; reporting: EngineAjv },
  schema: SchemaNode,
  documents: readonly SchemaNode[],
): StandardRuntime {
  const fast = compileOrThrow(instances.fast, schema);
  const reporting = compileOrThrow(instances.reporting, schema);
  const documentIndex = indexDocuments(schema, documents);
  const index = freezeIndex(buildClauseIndex(documentIndex));
  const table = clauseTable(index.clauses, certainClauses(documentIndex));
  return { fast, reporting, documents: documentIndex, index, table };
}

/** Compiles `schema` (by $id when it is registered), turning ajv's refusal into a DomainError. */
export function compileOrThrow(ajv: EngineAjv, schema: SchemaNode): ValidateFunction {
  try {
    const registered = typeof schema.$id === 'string' ? ajv.getSchema(schema.$id) : undefined;
    return registered ?? ajv.compile(schema);
  } catch (error) {
    const reason = (error as Error).message;
    throw new DomainError('invalid_schema', `schema does not compile: ${reason}`, { reason });
  }
}

function clauseTable(clauses: readonly ClauseInfo[], certain: ReadonlySet<string>): ClauseTable {
  // The arrays stay unfrozen: slicing a frozen array takes V8's slow path, on every check.
  const results = (status: ClauseResult['status']): readonly ClauseResult[] =>
    clauses.map((info) => Object.freeze({ clause: info.clause, title: info.title, status }));
  const slots = Int32Array.from(clauses, (info) => clauseSlot(info.clause));
  const pass = results('pass');
  const notApplicable = results('not_applicable');
  return {
    ids: clauses.map((info) => info.clause),
    read: compileClauseReader(slots, pass, notApplicable),
    readConforming: compileClauseReader(slots, pass, notApplicable, clauses.map((info) => certain.has(info.clause))),
    pass,
    fail: results('fail'),
    notApplicable,
  };
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
