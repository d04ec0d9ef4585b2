import { passMarks } from './clause-slots.ts';
import type { ClauseResult } from './types.ts';

/** Builds the clause results of one check from the pass marks of its epoch. */
export type ClauseReader = (epoch: number) => ClauseResult[];

/**
 * A reader specialised for one standard: straight-line code with the slots as constants, which
 * V8 runs several times faster than a loop over the slots (the loop was the largest cost of a
 * conforming check). Clauses listed in `alwaysPass` are not looked up: the caller knows they
 * passed. Only integers generated here enter the source; no schema text does.
 */
export function compileClauseReader(
  slots: Int32Array,
  pass: readonly ClauseResult[],
  notApplicable: readonly ClauseResult[],
  alwaysPass: readonly boolean[] = [],
): ClauseReader {
  const entries = Array.from(slots, (slot, i) => {
    if (!Number.isInteger(slot)) throw new TypeError('clause slots must be integers');
    return alwaysPass[i] === true ? `p[${i}]` : `m[${slot}] === e ? p[${i}] : n[${i}]`;
  });
  const build = new Function('m', 'p', 'n', `return function readClauses(e) { return [${entries.join(', ')}]; };`);
  return build(passMarks, pass, notApplicable) as ClauseReader;
}
