import type { ErrorObject } from 'ajv';
import { wrapperError, type MarkedError } from './branch-marks.ts';
import { clauseOfSubschema } from './clause-index.ts';
import { enclosingClauses, type TrackedError } from './clause-tracking.ts';
import { formatSchemaPath, type DocumentIndex } from './document-index.ts';
import { isSchemaNode } from './schema-walk.ts';

/** An ajv error of the reporting validator: verbose, tagged with clauses, linked to its wrapper. */
export type EngineError = TrackedError & MarkedError;

/** A real failure of a spec with the clause it breaks and every clause that encloses it. */
export interface AttributedFailure {
  readonly error: ErrorObject;
  /** The nearest clause, or null when no clause encloses the failure. */
  readonly clause: string | null;
  /** The clause and the clauses enclosing it, innermost first; all of them fail. */
  readonly chain: readonly string[];
  /** The failing keyword's location: "#/…" in the standard, "<$id>#/…" in a referenced document. */
  readonly schemaPath: string;
}

/**
 * Turns the errors of one all-errors validation into the spec's real failures. Wrappers that only
 * restate failures below them are folded into those (if → its then/else errors; anyOf, and oneOf
 * when no branch matched, → their branch errors). Branch errors that are no spec failure are
 * dropped (inside a contains, or a oneOf that failed because several branches matched). Each
 * remaining failure is attributed to the nearest enclosing x-clause along its evaluation path.
 */
export function attributeErrors(errors: readonly EngineError[], documents: DocumentIndex): AttributedFailure[] {
  const branchCounts = new Map<ErrorObject, number>();
  for (const error of errors) {
    const wrapper = error[wrapperError];
    if (wrapper !== undefined) branchCounts.set(wrapper, (branchCounts.get(wrapper) ?? 0) + 1);
  }
  const kept = errors.filter((error) => !isDropped(error) && !isFoldedWrapper(error, branchCounts));
  // Never leave a failing spec without findings, whatever the folding decided.
  const reported = kept.length > 0 ? kept : errors;
  const seen = new Set<string>();
  const failures: AttributedFailure[] = [];
  for (const error of reported) {
    const failure = attribute(error, documents);
    const key = `${error.instancePath}\u0000${failure.schemaPath}\u0000${error.keyword}\u0000${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    failures.push(failure);
  }
  return failures;
}

/** The clauses that fail because of `failures`: each attributed clause and every clause enclosing it. */
export function failedClauses(failures: readonly AttributedFailure[]): Set<string> {
  const failed = new Set<string>();
  for (const failure of failures) for (const clause of failure.chain) failed.add(clause);
  return failed;
}

function isDropped(error: EngineError): boolean {
  let wrapper = error[wrapperError] as EngineError | undefined;
  for (let depth = 0; wrapper !== undefined && depth < 1000; depth++) {
    if (dropsBranchErrors(wrapper)) return true;
    wrapper = wrapper[wrapperError] as EngineError | undefined;
  }
  return false;
}

function dropsBranchErrors(wrapper: ErrorObject): boolean {
  return wrapper.keyword === 'contains' || (wrapper.keyword === 'oneOf' && wrapper.params.passingSchemas != null);
}

function isFoldedWrapper(error: ErrorObject, branchCounts: ReadonlyMap<ErrorObject, number>): boolean {
  if (error.keyword === 'if') return true;
  const hasBranchErrors = (branchCounts.get(error) ?? 0) > 0;
  if (error.keyword === 'anyOf') return hasBranchErrors;
  if (error.keyword === 'oneOf') return hasBranchErrors && error.params.passingSchemas == null;
  return false;
}

function attribute(error: EngineError, documents: DocumentIndex): AttributedFailure {
  const chain: string[] = [];
  const add = (clause: unknown): void => {
    if (typeof clause === 'string' && !chain.includes(clause)) chain.push(clause);
  };
  add(redirectedClause(error, documents));
  if (isSchemaNode(error.parentSchema)) add(error.parentSchema['x-clause']);
  for (const clause of error[enclosingClauses] ?? []) add(clause);
  return { error, clause: chain[0] ?? null, chain, schemaPath: locateSchemaPath(error, documents) };
}

/**
 * The clause a failure belongs to although it is raised outside that clause's subschema: a missing
 * property belongs to the property's clause; a failing contains or not belongs to the clause of
 * its own subschema.
 */
function redirectedClause(error: ErrorObject, documents: DocumentIndex): string | null {
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
    const properties = isSchemaNode(error.parentSchema) ? error.parentSchema.properties : undefined;
    const missing = error.params.missingProperty;
    if (!isSchemaNode(properties) || typeof missing !== 'string' || !Object.hasOwn(properties, missing)) return null;
    return clauseOfSubschema(properties[missing], documents);
  }
  if (error.keyword === 'contains' || error.keyword === 'not') return clauseOfSubschema(error.schema, documents);
  return null;
}

function locateSchemaPath(error: ErrorObject, documents: DocumentIndex): string {
  const location = documents.locate(error.parentSchema);
  const suffix = `/${error.keyword}`;
  return location !== undefined && error.schemaPath.endsWith(suffix) ? formatSchemaPath(location) + suffix : error.schemaPath;
}
