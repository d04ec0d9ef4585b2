import { isDeepStrictEqual } from 'node:util';
import { comparison, ConditionSyntaxError, isObject, type Condition, type TestOp } from './conditions.ts';
import { formatFieldPath, itemsSegment, startsWith, type FieldPath } from './paths.ts';

/**
 * An `applies when` condition as JSON Schema: compiled to the `if` of an if/then at the place its rules sit, and
 * read back from such an `if` (the exporter keeps a condition only when it compiles back to the same schema).
 */

/** The JSON Schema `if` of `condition` for the object at `anchor`. Throws ConditionSyntaxError for a field outside it. */
export function compileCondition(condition: Condition, anchor: FieldPath): Record<string, unknown> {
  switch (condition.kind) {
    case 'schema':
      return condition.schema;
    case 'always':
      throw new ConditionSyntaxError('"always" stands alone in its block');
    case 'not':
      return { not: compileCondition(condition.item, anchor) };
    case 'within':
      return wrap(condition.path, anchor, compileCondition(condition.item, condition.path));
    case 'or':
      return { anyOf: condition.items.map((item) => compileCondition(item, anchor)) };
    case 'test':
      return wrap(condition.path, anchor, predicate(condition));
    case 'and': {
      const sameField = condition.items.every((item) => item.kind === 'test' && item.op !== 'present' && formatFieldPath(item.path) === formatFieldPath((condition.items[0] as { path: FieldPath }).path));
      if (sameField) {
        const tests = condition.items as Extract<Condition, { kind: 'test' }>[];
        return wrap(tests[0]!.path, anchor, Object.assign({}, ...tests.map(predicate)) as Record<string, unknown>);
      }
      const siblings = condition.items.every((item) => item.kind === 'test' && item.op !== 'present' && item.path.length === anchor.length + 1);
      const names = condition.items.map((item) => (item.kind === 'test' ? item.path.at(-1) : undefined));
      if (siblings && new Set(names).size === names.length) {
        // Tests of fields side by side: one object, as `{ properties: { a: …, b: … }, required: [a, b] }`.
        const tests = condition.items as Extract<Condition, { kind: 'test' }>[];
        for (const test of tests) wrap(test.path, anchor, null);
        return { properties: Object.fromEntries(tests.map((test) => [test.path.at(-1)!, predicate(test)])), required: names };
      }
      return { allOf: condition.items.map((item) => compileCondition(item, anchor)) };
    }
  }
}

function predicate(test: Extract<Condition, { kind: 'test' }>): Record<string, unknown> | null {
  const { op, value } = test;
  if (op === 'present') return null;
  if (op === '=') return { const: value };
  if (op === '!=') return { not: { const: value } };
  if (op === 'in') return { enum: value };
  if (op === 'contains') return { contains: { const: value } };
  if (op === 'contains any') return { contains: { enum: value } };
  return { [comparison[op]!]: value };
}

function wrap(path: FieldPath, anchor: FieldPath, leaf: Record<string, unknown> | null): Record<string, unknown> {
  if (!startsWith(path, anchor) || path.length === anchor.length) {
    throw new ConditionSyntaxError(`${formatFieldPath(path)} is outside ${formatFieldPath(anchor)}, where this condition's rules sit`);
  }
  const relative = path.slice(anchor.length);
  if (relative.includes(itemsSegment)) throw new ConditionSyntaxError(`${formatFieldPath(path)}: a condition cannot test "each item" ([]) below ${formatFieldPath(anchor)}`);
  let node: Record<string, unknown> | null = leaf;
  for (let i = relative.length - 1; i >= 0; i--) {
    const name = relative[i]!;
    node = node === null ? { required: [name] } : { properties: { [name]: node }, required: [name] };
  }
  return node!;
}

/** The condition that compiles back to exactly `schema` at `anchor`, or null when none is found. */
export function decompileCondition(schema: unknown, anchor: FieldPath): Condition | null {
  const condition = readCondition(schema, anchor);
  if (condition === null) return null;
  try {
    return isDeepStrictEqual(compileCondition(condition, anchor), schema) ? condition : null;
  } catch {
    return null;
  }
}

function readCondition(schema: unknown, anchor: FieldPath): Condition | null {
  if (!isObject(schema)) return null;
  const keys = Object.keys(schema);
  if (keys.length === 1 && (keys[0] === 'allOf' || keys[0] === 'anyOf') && Array.isArray(schema[keys[0]])) {
    const items = (schema[keys[0]] as unknown[]).map((item) => readCondition(item, anchor));
    if (items.some((item) => item === null)) return null;
    return { kind: keys[0] === 'allOf' ? 'and' : 'or', items: items as Condition[] };
  }
  if (keys.length === 1 && keys[0] === 'not') {
    const item = readCondition(schema.not, anchor);
    return item && { kind: 'not', item };
  }
  return readChain(schema, anchor);
}

function readChain(node: Record<string, unknown>, at: FieldPath): Condition | null {
  const required = node.required;
  if (Array.isArray(required) && required.length > 1 && isObject(node.properties) && Object.keys(node).length === 2) {
    const properties = node.properties;
    const leaves = required.map((name) => (typeof name === 'string' && isObject(properties[name]) ? readLeaf(properties[name], [...at, name]) : null));
    if (leaves.some((leaf) => leaf === null || leaf.kind !== 'test')) return null;
    return { kind: 'and', items: leaves as Condition[] };
  }
  if (!Array.isArray(required) || required.length !== 1 || typeof required[0] !== 'string') return null;
  const name = required[0];
  const path = [...at, name];
  const keys = Object.keys(node);
  if (keys.length === 1) return { kind: 'test', path, op: 'present' };
  const properties = node.properties;
  if (keys.length !== 2 || !isObject(properties) || Object.keys(properties).length !== 1 || !isObject(properties[name])) return null;
  const inner = properties[name];
  const innerKeys = Object.keys(inner);
  if (innerKeys.length === 1 && ['allOf', 'anyOf', 'not'].includes(innerKeys[0]!)) {
    const item = readCondition(inner, path);
    return item && { kind: 'within', path, item };
  }
  if (Object.hasOwn(inner, 'required')) return readChain(inner, path);
  return readLeaf(inner, path);
}

function readLeaf(leaf: Record<string, unknown>, path: FieldPath): Condition | null {
  const tests: Condition[] = [];
  for (const [keyword, value] of Object.entries(leaf)) {
    const op = Object.entries(comparison).find(([, name]) => name === keyword)?.[0] as TestOp | undefined;
    if (op && typeof value === 'number') tests.push({ kind: 'test', path, op, value });
    else if (keyword === 'const') tests.push({ kind: 'test', path, op: '=', value });
    else if (keyword === 'enum' && Array.isArray(value)) tests.push({ kind: 'test', path, op: 'in', value });
    else if (keyword === 'not' && isObject(value) && Object.keys(value).length === 1 && 'const' in value) tests.push({ kind: 'test', path, op: '!=', value: value.const });
    else if (keyword === 'contains' && isObject(value) && Object.keys(value).length === 1 && 'const' in value) tests.push({ kind: 'test', path, op: 'contains', value: value.const });
    else if (keyword === 'contains' && isObject(value) && Object.keys(value).length === 1 && Array.isArray(value.enum)) tests.push({ kind: 'test', path, op: 'contains any', value: value.enum });
    else return null;
  }
  if (tests.length === 0) return null;
  return tests.length === 1 ? tests[0]! : { kind: 'and', items: tests };
}
