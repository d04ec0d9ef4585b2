import { canonicalJsonText } from '../../conformance/jcs.ts';
import type { ClauseInfo } from '../../conformance/types.ts';
import { readClauseFacts, type ClauseDocument, type ClauseFacts } from './clause-facts.ts';
import { comparedAspects, type ChangedClause, type ClauseChange, type ClauseDiff, type ClauseEntry, type ClauseFact } from './types.ts';

const describedAspects = new Set(['title', 'requirement', 'unit', 'source', 'illustrative']);
const aspectOrder = new Map<string, number>(comparedAspects.map((aspect, i) => [aspect, i]));

/**
 * The clause-level difference between two versions of a standard, computed from their clause indexes
 * and the rules each clause states (see comparedAspects), never from the documents' text.
 */
export function diffClauseDocuments(from: ClauseDocument, to: ClauseDocument): ClauseDiff {
  return diffClauseFacts(readClauseFacts(from), readClauseFacts(to));
}

export function diffClauseFacts(from: ClauseFacts, to: ClauseFacts): ClauseDiff {
  const oldIds = new Set(from.clauses.map((info) => info.clause));
  const newIds = new Set(to.clauses.map((info) => info.clause));
  const diff: ClauseDiff = {
    added: to.clauses.filter((info) => !oldIds.has(info.clause)).map((info) => entryOf(info, to)),
    removed: from.clauses.filter((info) => !newIds.has(info.clause)).map((info) => entryOf(info, from)),
    changed: [],
    unchanged: 0,
  };
  for (const info of to.clauses) {
    if (!oldIds.has(info.clause)) continue;
    const changes = compareFacts(from.facts.get(info.clause)!, to.facts.get(info.clause)!);
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ clause: info.clause, title: info.title, pointer: info.pointer, changes } satisfies ChangedClause);
  }
  return diff;
}

function entryOf(info: ClauseInfo, facts: ClauseFacts): ClauseEntry {
  const rules = [...facts.facts.get(info.clause)!.values()].filter((fact) => !describedAspects.has(fact.aspect));
  return { ...info, rules: sortFacts(rules) };
}

function sortFacts<T extends Omit<ClauseFact, 'value'>>(facts: T[]): T[] {
  return facts.sort((a, b) => (aspectOrder.get(a.aspect)! - aspectOrder.get(b.aspect)!)
    || (a.at ?? '').localeCompare(b.at ?? '', 'en') || (a.keyword ?? '').localeCompare(b.keyword ?? '', 'en'));
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJsonText(a ?? null) === canonicalJsonText(b ?? null);
}

/** Every fact whose value differs, or that only one side has (its value null on the other). */
function compareFacts(before: ReadonlyMap<string, ClauseFact>, after: ReadonlyMap<string, ClauseFact>): ClauseChange[] {
  const changes: ClauseChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const now = after.get(key);
    const from = old?.value ?? null;
    const to = now?.value ?? null;
    if (sameValue(from, to)) continue;
    const { aspect, language, at, keyword } = (now ?? old)!;
    const change: ClauseChange = { aspect, ...(language ? { language } : {}), ...(at !== undefined ? { at } : {}), ...(keyword ? { keyword } : {}), from, to };
    if (aspect === 'enum') Object.assign(change, enumDelta(from, to));
    changes.push(change);
  }
  return sortFacts(changes);
}

/** The values of an enum only the new version allows (added) and only the old one allowed (removed). */
function enumDelta(from: unknown, to: unknown): { added: unknown[]; removed: unknown[] } {
  const before = Array.isArray(from) ? from : [];
  const after = Array.isArray(to) ? to : [];
  const has = (list: unknown[], value: unknown) => list.some((item) => sameValue(item, value));
  return { added: after.filter((value) => !has(before, value)), removed: before.filter((value) => !has(after, value)) };
}
