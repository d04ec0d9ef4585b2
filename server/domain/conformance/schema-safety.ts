import safeRegex from 'safe-regex2';
import { DomainError } from '../errors.ts';
import { appendPointer } from './json-pointer.ts';
import { forEachSubschema, isSchemaNode, type SchemaNode } from './schema-walk.ts';

/** Longest regular expression an uploaded schema may carry. */
export const maxPatternLength = 1000;

/** A regular expression of a schema that could make checking a spec take exponential time. */
export interface UnsafePattern {
  /** JSON pointer of the subschema holding it. */
  pointer: string;
  keyword: 'pattern' | 'patternProperties';
  pattern: string;
  reason: string;
}

/**
 * Lists the `pattern` values and `patternProperties` keys of every subschema of `schema` that are
 * too long or that safe-regex2 judges vulnerable to catastrophic backtracking (star height > 1).
 * Patterns that are not valid regular expressions are left for ajv to reject.
 */
export function findUnsafePatterns(schema: SchemaNode): UnsafePattern[] {
  const found: UnsafePattern[] = [];
  const visit = (node: SchemaNode, pointer: string): void => {
    if (typeof node.pattern === 'string') checkPattern(node.pattern, pointer, 'pattern', found);
    if (isSchemaNode(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) checkPattern(key, pointer, 'patternProperties', found);
    }
    forEachSubschema(node, (child, tokens) => visit(child, appendPointer(pointer, tokens)));
  };
  visit(schema, '');
  return found;
}

/** Throws DomainError('invalid_schema') naming the first unsafe pattern of `schema`, if any. */
export function assertSafePatterns(schema: SchemaNode, label: string): void {
  const [first, ...rest] = findUnsafePatterns(schema);
  if (first === undefined) return;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  throw new DomainError(
    'invalid_schema',
    `${label}: unsafe regular expression in "${first.keyword}" at "${first.pointer || '/'}": ${first.reason}${more}`,
    { unsafePatterns: [first, ...rest] },
  );
}

function checkPattern(pattern: string, pointer: string, keyword: UnsafePattern['keyword'], found: UnsafePattern[]): void {
  if (pattern.length > maxPatternLength) {
    found.push({ pointer, keyword, pattern, reason: `pattern is longer than ${maxPatternLength} characters` });
    return;
  }
  if (!isValidRegExp(pattern)) return;
  if (!safeRegex(pattern)) {
    found.push({
      pointer,
      keyword,
      pattern,
      reason: `/${pattern}/ nests repetition (e.g. "(a+)+"), which can take exponential time; rewrite it without a quantifier inside a repeated group`,
    });
  }
}

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
