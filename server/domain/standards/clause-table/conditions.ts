import { isDeepStrictEqual } from 'node:util';
import { parseValue, splitOutside } from './cell-values.ts';
import { formatFieldPath, itemsSegment, parseFieldPath, startsWith, type FieldPath } from './paths.ts';

/**
 * The `applies when` column: the condition under which a row's rules apply, compiled to a JSON Schema
 * `if`/`then` (see schemas/templates/README.md, "Conditions").
 *
 *   cell  := block (";" block)*                 a block inside the block before it
 *   block := ["@" PATH ":"] (expr | "always") ["#" N]
 *            @ names where the if/then sits; #N separates equal blocks; "always" makes a block without
 *            a condition (an allOf member: its own clause and rules at the same place)
 *   expr  := term ("or" term)* ; term := unary ("and" unary)*
 *   unary := "not" unary | "(" expr ")" | "within" PATH "(" expr ")" | {JSON if-schema} | PATH test
 *            (within P (…): the object P must be there, and the expression holds for it)
 *   test  := "=" V | "!=" V | "in" [V, …] | "contains" V | "contains any" [V, …]
 *          | ">" N | ">=" N | "<" N | "<=" N | "present"
 *
 * `radio.nr.supported = true` holds when the spec has radio.nr.supported and it is true.
 */
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'schema'; schema: Record<string, unknown> }
  | { kind: 'always' }
  | { kind: 'within'; path: FieldPath; item: Condition }
  | { kind: 'test'; path: FieldPath; op: TestOp; value?: unknown };

export type TestOp = '=' | '!=' | 'in' | 'contains' | 'contains any' | '>' | '>=' | '<' | '<=' | 'present';

/** One block of an `applies when` cell. */
export interface ConditionBlock {
  anchor: FieldPath | null;
  condition: Condition;
  /** The block's text as written (with its #N), which tells blocks apart. */
  key: string;
}

const comparison: Record<string, string> = { '>': 'exclusiveMinimum', '>=': 'minimum', '<': 'exclusiveMaximum', '<=': 'maximum' };

export class ConditionSyntaxError extends Error {}

/** The blocks of an `applies when` cell, outermost first. Throws ConditionSyntaxError. */
export function parseAppliesWhen(text: string): ConditionBlock[] {
  return splitOutside(text, ';').map((part) => parseBlock(part.trim()));
}

function parseBlock(text: string): ConditionBlock {
  if (text === '') throw new ConditionSyntaxError('an empty condition between two ";"');
  let body = text;
  let anchor: FieldPath | null = null;
  const at = /^@\s*([^:\s]+)\s*:/.exec(body);
  if (at) {
    anchor = parseFieldPath(at[1]!);
    if (!anchor) throw new ConditionSyntaxError(`"${at[1]}" after @ is not a field path`);
    body = body.slice(at[0].length);
  }
  body = body.replace(/\s+#\d+\s*$/, '');
  if (/^\s*always\s*$/i.test(body)) return { anchor, condition: { kind: 'always' }, key: text.replace(/\s+/g, ' ') };
  const parser = new Parser(body);
  const condition = parser.expression();
  parser.end();
  return { anchor, condition, key: text.replace(/\s+/g, ' ') };
}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  expression(): Condition {
    const items = [this.term()];
    while (this.word('or')) items.push(this.term());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  end(): void {
    this.space();
    if (this.at < this.text.length) throw new ConditionSyntaxError(`unexpected "${this.text.slice(this.at, this.at + 20)}"`);
  }

  private term(): Condition {
    const items = [this.unary()];
    while (this.word('and')) items.push(this.unary());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private unary(): Condition {
    if (this.word('not')) return { kind: 'not', item: this.unary() };
    if (this.word('within')) {
      this.space();
      const match = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(this.text.slice(this.at));
      const path = match ? parseFieldPath(match[0]) : null;
      if (!match || !path) throw new ConditionSyntaxError('"within" needs a field path, then a condition in parentheses');
      this.at += match[0].length;
      this.space();
      if (this.text[this.at] !== '(') throw new ConditionSyntaxError(`"within ${match[0]}" needs a condition in parentheses`);
      return { kind: 'within', path, item: this.unary() };
    }
    this.space();
    if (this.text[this.at] === '(') {
      this.at++;
      const inner = this.expression();
      this.space();
      if (this.text[this.at] !== ')') throw new ConditionSyntaxError('a "(" is not closed');
      this.at++;
      return inner;
    }
    if (this.text[this.at] === '{') {
      const schema = parseValue(this.balanced());
      if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new ConditionSyntaxError('a {…} condition must be a JSON object (a JSON Schema)');
      return { kind: 'schema', schema: schema as Record<string, unknown> };
    }
    return this.test();
  }

  private test(): Condition {
    this.space();
    const match = /^[A-Za-z_$][A-Za-z0-9_.[\]-]*/.exec(this.text.slice(this.at));
    if (!match) throw new ConditionSyntaxError(`expected a field path at "${this.text.slice(this.at, this.at + 20)}"`);
    const path = parseFieldPath(match[0]);
    if (!path || path.length === 0) throw new ConditionSyntaxError(`"${match[0]}" is not a field path`);
    this.at += match[0].length;
    this.space();
    const rest = this.text.slice(this.at);
    const op = /^(contains\s+any|contains|present|in|!=|>=|<=|=|>|<)/.exec(rest)?.[1];
    if (!op) throw new ConditionSyntaxError(`after ${match[0]} expected =, !=, in, contains, contains any, >, >=, <, <= or present`);
    this.at += op.length;
    const normalized = op.replace(/\s+/g, ' ') as TestOp;
    if (normalized === 'present') return { kind: 'test', path, op: normalized };
    if (normalized === 'in' || normalized === 'contains any') return { kind: 'test', path, op: normalized, value: this.list() };
    const value = this.value();
    if (comparison[normalized] && typeof value !== 'number') throw new ConditionSyntaxError(`${normalized} needs a number`);
    return { kind: 'test', path, op: normalized, value };
  }

  private list(): unknown[] {
    this.space();
    if (this.text[this.at] !== '[') throw new ConditionSyntaxError('expected a list in brackets, e.g. ["a", "b"]');
    const text = this.balanced();
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // plain words: [a, b]
    }
    return splitOutside(text.slice(1, -1), ',').map(parseValue);
  }

  private value(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '"' || c === '[' || c === '{') return parseValue(this.balanced());
    const match = /^[^\s()]+/.exec(this.text.slice(this.at));
    if (!match) throw new ConditionSyntaxError('expected a value');
    this.at += match[0].length;
    return parseValue(match[0]);
  }

  /** The JSON string, array or object starting here. */
  private balanced(): string {
    const start = this.at;
    let depth = 0;
    let inString = false;
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at]!;
      if (inString) {
        if (c === '\\') this.at++;
        else if (c === '"') {
          inString = false;
          if (depth === 0) return this.text.slice(start, ++this.at);
        }
      } else if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) return this.text.slice(start, ++this.at);
      }
    }
    throw new ConditionSyntaxError('a quote or bracket is not closed');
  }

  private word(word: string): boolean {
    this.space();
    const match = new RegExp(`^${word}(?![A-Za-z0-9_])`, 'i').exec(this.text.slice(this.at));
    if (!match) return false;
    this.at += match[0].length;
    return true;
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
}

/** Every field path the condition tests. */
export function conditionFields(condition: Condition): FieldPath[] {
  switch (condition.kind) {
    case 'test':
      return [condition.path];
    case 'not':
    case 'within':
      return conditionFields(condition.item);
    case 'schema':
    case 'always':
      return [];
    default:
      return condition.items.flatMap(conditionFields);
  }
}

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

/** The condition as the `applies when` column writes it. */
export function formatCondition(condition: Condition, nested = false): string {
  switch (condition.kind) {
    case 'always':
      return 'always';
    case 'schema':
      return JSON.stringify(condition.schema);
    case 'not':
      return `not ${condition.item.kind === 'test' || condition.item.kind === 'schema' ? formatCondition(condition.item) : `(${formatCondition(condition.item)})`}`;
    case 'within':
      return `within ${formatFieldPath(condition.path)} (${formatCondition(condition.item)})`;
    case 'test': {
      const path = formatFieldPath(condition.path);
      if (condition.op === 'present') return `${path} present`;
      return `${path} ${condition.op} ${JSON.stringify(condition.value)}`;
    }
    default: {
      const text = condition.items.map((item) => formatCondition(item, true)).join(` ${condition.kind} `);
      return nested ? `(${text})` : text;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
