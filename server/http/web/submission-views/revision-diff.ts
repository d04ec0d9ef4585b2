/**
 * What changed between two revisions' specs (partial `views/partials/revision-diff.hbs`).
 *
 * `diffRevisions(oldSpec, newSpec)` flattens both specs to their leaves (scalars, and empty arrays or objects)
 * by JSON pointer and returns one row per pointer whose value differs: `added` (only in the new spec),
 * `removed` (only in the old one) or `changed`, in the order the pointers first appear (old spec first).
 * Values are kept as they are; `presentRevisionDiff(rows, lang)` turns them into the texts the partial shows.
 * Bounded: at most `maxDiffRows` rows (then `truncated`), and specs are walked to at most 64 levels.
 *
 * Use in a template: `{{> revision-diff diff=diff}}` with `diff = presentRevisionDiff(diffRevisions(a, b), lang, { from, to })`.
 */
import { appendPointer } from '../../../domain/conformance/json-pointer.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { displayValue } from './display-value.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffRow {
  pointer: string;
  change: ChangeKind;
  /** The old value (undefined when added). */
  before: unknown;
  /** The new value (undefined when removed). */
  after: unknown;
}

export interface RevisionDiff {
  rows: DiffRow[];
  /** True when more than maxDiffRows pointers changed or a spec was too large to compare whole (only the first are listed). */
  truncated: boolean;
}

/** Most rows one diff lists. */
export const maxDiffRows = 2000;
const maxDepth = 64;
/** Most leaves read from one spec: beyond, the diff lists what it compared and says it is incomplete. */
const maxLeaves = maxDiffRows * 4;

function leaves(value: unknown, pointer: string, out: Map<string, unknown>, depth: number): void {
  if (out.size >= maxLeaves) return;
  if (depth < maxDepth && Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => leaves(item, appendPointer(pointer, [i]), out, depth + 1));
  } else if (depth < maxDepth && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) leaves(item, appendPointer(pointer, [key]), out, depth + 1);
  } else {
    out.set(pointer, value);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Only empty arrays/objects are leaves besides scalars: compare their kind.
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b);
}

/** The changed pointers between two specs (see the top of this file). Never throws. */
export function diffRevisions(oldSpec: unknown, newSpec: unknown): RevisionDiff {
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  leaves(oldSpec, '', before, 0);
  leaves(newSpec, '', after, 0);
  const rows: DiffRow[] = [];
  let changed = 0;
  const add = (row: DiffRow) => {
    changed += 1;
    if (rows.length < maxDiffRows) rows.push(row);
  };
  for (const [pointer, value] of before) {
    if (!after.has(pointer)) add({ pointer, change: 'removed', before: value, after: undefined });
    else if (!sameValue(value, after.get(pointer))) add({ pointer, change: 'changed', before: value, after: after.get(pointer) });
  }
  for (const [pointer, value] of after) {
    if (!before.has(pointer)) add({ pointer, change: 'added', before: undefined, after: value });
  }
  return { rows, truncated: changed > rows.length || before.size >= maxLeaves || after.size >= maxLeaves };
}

const changeIcons: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '≠' };

/** A diff with its texts in `lang`: each row's pointer, change in words and icon, and both values as shown. */
export function presentRevisionDiff(diff: RevisionDiff, lang: Language, revisions: { from: number; to: number }) {
  return {
    from: revisions.from,
    to: revisions.to,
    truncated: diff.truncated,
    unchanged: diff.rows.length === 0,
    rows: diff.rows.map((row) => ({
      pointer: row.pointer === '' ? '/' : row.pointer,
      change: row.change,
      changeText: t(lang, `vendor.diff.${row.change}`),
      icon: changeIcons[row.change],
      before: row.before === undefined ? null : displayValue(lang, row.before),
      after: row.after === undefined ? null : displayValue(lang, row.after),
    })),
  };
}
