import { parseValue, splitOutside } from './cell-values.ts';
import { formatFieldPath, parseFieldPath, type FieldPath } from './paths.ts';

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

/** The JSON Schema keyword of each comparison test. */
export const comparison: Record<string, string> = { '>': 'exclusiveMinimum', '>=': 'minimum', '<': 'exclusiveMaximum', '<=': 'maximum' };

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

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
