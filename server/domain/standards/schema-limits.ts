import { DomainError } from '../errors.ts';
import { forEachSubschema, isSchemaNode, type SchemaNode } from '../conformance/schema-walk.ts';

/** The limits an uploaded standard must keep: an untrusted schema must not exhaust the registry. */
export interface SchemaLimits {
  standardBytes: number;
  schemaDepth: number;
  /** Most subschemas one standard's schema may hold (default maxSubschemas). */
  subschemas?: number;
  /** Most branches one anyOf, oneOf or allOf may list (default maxBranches). */
  branches?: number;
}

/**
 * Default subschema limit. ajv's compile time grows faster than linearly with the subschemas of one
 * object (800 properties of anyOf took 2.6 s, 7,778 with unevaluatedProperties overflowed the stack
 * after 117 s); the largest shipped standard, IRRU-EPS, has 2,516 and compiles in about 1 s.
 */
export const maxSubschemas = 4000;

/** Default branch limit per anyOf / oneOf / allOf (IRRU-EPS's widest has 109). */
export const maxBranches = 256;

const branchKeywords = ['anyOf', 'oneOf', 'allOf'] as const;

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

function refuse(rule: string, message: string, pointer: string, limit: number): never {
  throw new DomainError('invalid_schema', message, { rule, pointer, limit });
}

/** Refuses a schema with more than `subschemas` subschemas or an applicator with more than `branches` branches. */
function assertBreadth(schema: SchemaNode, subschemas: number, branches: number): void {
  let count = 0;
  const visit = (node: SchemaNode, pointer: string): void => {
    count += 1;
    if (count > subschemas) refuse('subschema_count', `the schema has more than ${subschemas} subschemas (limit reached at "${pointer}"); split the standard or share definitions`, pointer, subschemas);
    for (const keyword of branchKeywords) {
      const list = node[keyword];
      if (Array.isArray(list) && list.length > branches) {
        refuse('branch_count', `"${keyword}" at "${pointer}/${keyword}" lists ${list.length} subschemas; the limit is ${branches}`, `${pointer}/${keyword}`, branches);
      }
    }
    forEachSubschema(node, (child, tokens) => visit(child, `${pointer}/${tokens.map((t) => t.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`));
  };
  visit(schema, '');
}

/**
 * Throws DomainError('payload_too_large' | 'invalid_schema') when the document is over a limit:
 * size, nesting depth, subschema count or applicator breadth (details.rule names which, with the
 * pointer and the limit). Checked before anything compiles.
 */
export function assertWithinLimits(document: unknown, limits: SchemaLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(document));
  if (bytes > limits.standardBytes) {
    throw new DomainError('payload_too_large', `the standard document is ${bytes} bytes; the limit is ${limits.standardBytes}`);
  }
  if (depthOf(document, limits.schemaDepth) > limits.schemaDepth) {
    throw new DomainError('invalid_schema', `the schema is nested deeper than ${limits.schemaDepth} levels`, { rule: 'depth', limit: limits.schemaDepth });
  }
  const schema = isSchemaNode(document) ? document.schema : undefined;
  if (isSchemaNode(schema)) assertBreadth(schema, limits.subschemas ?? maxSubschemas, limits.branches ?? maxBranches);
}
