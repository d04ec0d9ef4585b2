import { DomainError } from '../errors.ts';
import { findUnsupportedDynamicRefs } from './dynamic-refs.ts';
import { appendPointer } from './json-pointer.ts';
import { compileLinearRegExp } from './linear-regexp.ts';
import { UnsupportedPatternError } from './regexp-syntax.ts';
import { forEachSubschema, isSchemaNode, type SchemaNode } from './schema-walk.ts';

/** Longest regular expression an uploaded schema may carry. */
export const maxPatternLength = 1000;

/** A construct of a schema the engine refuses to run: a regular expression RE2 cannot run, or an unsupported $dynamicRef. */
export interface UnsafeConstruct {
  /** JSON pointer of the keyword (the pattern itself for patternProperties keys). */
  pointer: string;
  keyword: 'pattern' | 'patternProperties' | '$dynamicRef';
  /** The pattern, or the $dynamicRef value. */
  pattern: string;
  reason: string;
}

/**
 * Lists the `pattern` values and `patternProperties` keys of every subschema of `schema` that are
 * too long, not valid regular expressions, or need what RE2 cannot do (back-references,
 * look-around): every pattern the engine runs must run in linear time.
 */
export function findUnsafePatterns(schema: SchemaNode): UnsafeConstruct[] {
  const found: UnsafeConstruct[] = [];
  const visit = (node: SchemaNode, pointer: string): void => {
    if (typeof node.pattern === 'string') checkPattern(node.pattern, appendPointer(pointer, ['pattern']), 'pattern', found);
    if (isSchemaNode(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) {
        checkPattern(key, appendPointer(pointer, ['patternProperties', key]), 'patternProperties', found);
      }
    }
    forEachSubschema(node, (child, tokens) => visit(child, appendPointer(pointer, tokens)));
  };
  visit(schema, '');
  return found;
}

/**
 * Throws DomainError('invalid_schema') naming the rule, the pointer and the pattern of the first
 * regular expression RE2 cannot run or $dynamicRef the engine cannot follow in `schema`, if any.
 */
export function assertSafePatterns(schema: SchemaNode, label: string): void {
  const [first, ...rest] = [...findUnsafePatterns(schema), ...findUnsupportedDynamicRefs(schema)];
  if (first === undefined) return;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  const what = first.keyword === '$dynamicRef' ? 'unsupported $dynamicRef' : 'regular expression refused';
  throw new DomainError(
    'invalid_schema',
    `${label}: ${what} at "${first.pointer}" (${JSON.stringify(first.pattern)}): ${first.reason}${more}`,
    { rule: first.keyword === '$dynamicRef' ? 'dynamic_ref' : 'linear_regexp', pointer: first.pointer, unsafePatterns: [first, ...rest] },
  );
}

function checkPattern(pattern: string, pointer: string, keyword: UnsafeConstruct['keyword'], found: UnsafeConstruct[]): void {
  if (pattern.length > maxPatternLength) {
    found.push({ pointer, keyword, pattern: `${pattern.slice(0, 40)}…`, reason: `pattern is longer than ${maxPatternLength} characters` });
    return;
  }
  try {
    compileLinearRegExp(pattern);
  } catch (error) {
    if (!(error instanceof UnsupportedPatternError)) throw error;
    found.push({ pointer, keyword, pattern, reason: error.reason });
  }
}
