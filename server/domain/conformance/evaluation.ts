import { failedClauses, type AttributedFailure } from './attribution.ts';
import { clauseSlot, passMarks } from './clause-slots.ts';
import type { DocumentIndex } from './document-index.ts';
import type { Uncheckable } from './uncheckable.ts';
import { isSchemaNode, type SchemaNode } from './schema-walk.ts';
import type { ClauseInfo, ClauseResult } from './types.ts';

/** The verdict and clause results of one spec, with the failures behind them (the core of a report). */
export interface Evaluation {
  readonly conforms: boolean;
  /** Every clause once, in index order; the array and its entries are frozen and may be shared. */
  readonly clauses: readonly ClauseResult[];
  readonly failures: readonly AttributedFailure[];
  /** Set when the validator itself failed, naming the limit hit (see uncheckable.ts). */
  readonly uncheckable?: Uncheckable;
}

/** Builds the evaluations of one standard's checks from the pass marks of their epoch (see clause-slots.ts). */
export interface ClauseTable {
  /**
   * The evaluation of a check whose spec conformed. It is frozen, and the same object is
   * returned for the same set of evaluated clauses, from a small cache.
   */
  conforming(epoch: number): Evaluation;
  /**
   * The evaluation of a failing check. Each clause: fail when a failure is attributed to it or to
   * a clause inside it; else pass when its subschema validated somewhere during the call of
   * `epoch`; else not applicable.
   */
  failing(epoch: number, failures: readonly AttributedFailure[]): Evaluation;
  /** The evaluation of a spec the validator could not check: every clause not applicable. */
  uncheckable(reason: Uncheckable): Evaluation;
}

const noFailures: readonly AttributedFailure[] = Object.freeze([]);

// Sets of evaluated clauses one standard keeps results for (a power of two): a direct-mapped cache,
// where a new set replaces the one whose key falls on the same line.
const cacheSize = 256;

// Bits per key word: 30 keeps every word, and the hash below, a small integer in V8.
const wordBits = 30;

interface CachedResults {
  readonly key: number;
  readonly words: Int32Array;
  readonly evaluation: Evaluation;
}

/**
 * The clause table of `clauses` (in index order). Clauses in `certain` are not looked up for a
 * conforming spec: validation cannot succeed without them (see certainClauses).
 */
export function createClauseTable(clauses: readonly ClauseInfo[], certain: ReadonlySet<string>): ClauseTable {
  const results = (status: ClauseResult['status']): ClauseResult[] =>
    clauses.map((info) => Object.freeze({ clause: info.clause, title: info.title, status }));
  const pass = results('pass');
  const notApplicable = Object.freeze(results('not_applicable'));
  const fail = results('fail');
  const slots = Int32Array.from(clauses, (info) => clauseSlot(info.clause));
  const uncertain = clauses.flatMap((info, i) => (certain.has(info.clause) ? [] : [i]));
  const words = new Int32Array(Math.max(1, Math.ceil(uncertain.length / wordBits)));
  const keyOf = compileKeyReader(uncertain.map((i) => slots[i] as number), words);
  const cache = new Array<CachedResults | undefined>(cacheSize).fill(undefined);

  function conformingResults(epoch: number): readonly ClauseResult[] {
    const built = pass.slice();
    for (const i of uncertain) if (passMarks[slots[i] as number] !== epoch) built[i] = notApplicable[i] as ClauseResult;
    return Object.freeze(built);
  }

  return {
    conforming(epoch) {
      const key = keyOf(epoch);
      const line = (key ^ (key >>> 8) ^ (key >>> 16)) & (cacheSize - 1);
      const cached = cache[line];
      if (cached !== undefined && cached.key === key && sameWords(cached.words, words)) return cached.evaluation;
      const evaluation = Object.freeze({ conforms: true, clauses: conformingResults(epoch), failures: noFailures });
      cache[line] = { key, words: words.slice(), evaluation };
      return evaluation;
    },
    failing(epoch, failures) {
      const failed = failedClauses(failures);
      const results = clauses.map((info, i) => {
        if (failed.has(info.clause)) return fail[i] as ClauseResult;
        return (passMarks[slots[i] as number] === epoch ? pass[i] : notApplicable[i]) as ClauseResult;
      });
      return { conforms: false, clauses: Object.freeze(results), failures };
    },
    uncheckable(reason) {
      return { conforms: false, clauses: notApplicable, failures: noFailures, uncheckable: reason };
    },
  };
}

/**
 * Straight-line code, specialised for one standard, that packs the pass marks of `slots` in
 * `epoch` into `words` (bit b of word w for slots[w * 30 + b]) and returns a hash of the words
 * (the word itself when there is one). V8 runs it several times faster than a loop over the
 * slots. Only integers generated here enter the source; no schema text does.
 */
function compileKeyReader(slots: readonly number[], words: Int32Array): (epoch: number) => number {
  const lines = ['let w = 0, h = 0;'];
  for (let word = 0; word < words.length; word++) {
    slots.slice(word * wordBits, (word + 1) * wordBits).forEach((slot, bit) => {
      if (!Number.isInteger(slot)) throw new TypeError('clause slots must be integers');
      lines.push(`if (m[${slot}] === e) w |= ${1 << bit};`);
    });
    lines.push(`k[${word}] = w; h = (Math.imul(h, 31) + w) & 0x3fffffff; w = 0;`);
  }
  const build = new Function('m', 'k', `return function clauseSetKey(e) { ${lines.join(' ')} return h; };`);
  return build(passMarks, words) as (epoch: number) => number;
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The clauses a conforming spec always passes: those whose subschema is evaluated whatever the
 * spec, so validation cannot have succeeded without them. Such a subschema is reached from the
 * root only through allOf, $ref, and properties that the same object schema both requires and
 * types as "object" (without the type, a non-object instance would skip them). Every other
 * applicator (anyOf, if, items, optional properties, …) may leave a subschema unevaluated.
 */
export function certainClauses(documents: DocumentIndex): Set<string> {
  const certain = new Set<string>();
  const visited = new WeakSet<object>();

  function visit(node: SchemaNode): void {
    if (visited.has(node)) return;
    visited.add(node);
    if (typeof node['x-clause'] === 'string') certain.add(node['x-clause']);
    if (Array.isArray(node.allOf)) for (const member of node.allOf) if (isSchemaNode(member)) visit(member);
    if (typeof node.$ref === 'string') {
      const target = documents.resolve(node.$ref, node);
      if (target !== undefined) visit(target);
    }
    for (const property of requiredObjectProperties(node)) visit(property);
  }

  visit(documents.main);
  return certain;
}

function requiredObjectProperties(node: SchemaNode): SchemaNode[] {
  const typedObject = node.type === 'object' || (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'object');
  if (!typedObject || !Array.isArray(node.required) || !isSchemaNode(node.properties)) return [];
  const properties = node.properties;
  return node.required.flatMap((name) => {
    const property = typeof name === 'string' && Object.hasOwn(properties, name) ? properties[name] : undefined;
    return isSchemaNode(property) ? [property] : [];
  });
}
