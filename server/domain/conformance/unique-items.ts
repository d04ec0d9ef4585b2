import { _, str, type CodeKeywordDefinition, type KeywordCxt, type KeywordErrorDefinition } from 'ajv';
import type { EngineAjv } from './ajv-factory.ts';
import { canonicalJsonText } from './jcs.ts';

/**
 * `uniqueItems` in linear time. ajv compares every pair of items unless it can see that the items
 * are scalars (an `items: {$ref}` hides that), so 20,000 integers took seconds; here each item is
 * keyed once by its canonical JSON (key order and number spelling do not matter, as JSON Schema
 * equality requires). Verdict, error params and message are ajv's: the duplicate pair reported is
 * the one ajv finds first (the highest index i with an equal item before it, and the nearest such j).
 */

const error: KeywordErrorDefinition = {
  message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
  params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
};

function keyOf(item: unknown): string {
  if (typeof item === 'string') return `s${item}`;
  if (typeof item === 'number') return `n${item === 0 ? 0 : item}`;
  if (item === null || typeof item !== 'object') return `p${String(item)}`;
  return `j${canonicalJsonText(item)}`;
}

/** The pair [i, j] (j < i, equal items) that ajv's uniqueItems reports for `items`, or undefined when all differ. */
export function duplicatePair(items: readonly unknown[]): [number, number] | undefined {
  const lastSeen = new Map<string, number>();
  let pair: [number, number] | undefined;
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(items[i]);
    const j = lastSeen.get(key);
    if (j !== undefined) pair = [i, j];
    lastSeen.set(key, i);
  }
  return pair;
}

const linearUniqueItems: CodeKeywordDefinition = {
  keyword: 'uniqueItems',
  type: 'array',
  schemaType: 'boolean',
  error,
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    if (schema !== true) return;
    const find = gen.scopeValue('func', { ref: duplicatePair });
    const pair = gen.const('duplicate', _`${find}(${data})`);
    cxt.setParams({ i: _`${pair}[0]`, j: _`${pair}[1]` });
    cxt.fail(_`${pair} !== undefined`);
  },
};

/** Replaces ajv's `uniqueItems` in `ajv` by the linear-time one (no `$data` support: the engine never enables it). */
export function useLinearUniqueItems(ajv: EngineAjv): void {
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(linearUniqueItems);
}
