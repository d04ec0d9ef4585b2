/**
 * Where validators record which clauses passed. Clause ids are interned process-wide as small
 * integers (slots); generated code marks slot k by copying the current epoch, marks[0], into
 * marks[k]. Each validation call starts a new epoch, so nothing is ever cleared per call and a
 * mark counts only if it carries the current epoch. One table serves every standard because the
 * compiled validators of shared documents are shared too; validation is synchronous, so calls
 * never interleave.
 */

/** Distinct clause ids one process can hold (slot 0 holds the epoch). */
export const maxClauseSlots = 1 << 16;

/**
 * marks[0] is the current epoch; marks[slot] the epoch in which that clause last passed. Int32
 * rather than Uint32: V8 compares int32 loads as small integers, uint32 ones as doubles.
 */
export const passMarks = new Int32Array(maxClauseSlots);

const slots = new Map<string, number>();

/** The slot of `clause`, assigned on first use and stable for the life of the process. */
export function clauseSlot(clause: string): number {
  let slot = slots.get(clause);
  if (slot === undefined) {
    slot = slots.size + 1;
    if (slot >= maxClauseSlots) throw new RangeError(`more than ${maxClauseSlots - 1} distinct clause ids in one process`);
    slots.set(clause, slot);
  }
  return slot;
}

/** Starts a validation call: returns its epoch, with which passMarks[slot] marks a passed clause. */
export function beginPassEpoch(): number {
  let epoch = (passMarks[0] as number) + 1;
  if (epoch > 0x7fffffff) {
    passMarks.fill(0);
    epoch = 1;
  }
  passMarks[0] = epoch;
  return epoch;
}
