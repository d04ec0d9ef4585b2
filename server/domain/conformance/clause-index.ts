import { formatClausePointer, type DocumentIndex } from './document-index.ts';
import { forEachSubschemaOf, isSchemaNode, type SchemaNode } from './schema-walk.ts';
import type { ClauseInfo, LocalizedText } from './types.ts';

/** The clauses of a standard in document order, each once, with a lookup by clause id. */
export interface ClauseIndex {
  readonly clauses: readonly ClauseInfo[];
  readonly byId: ReadonlyMap<string, ClauseInfo>;
}

/**
 * Walks the standard in document order and, where a $ref or $dynamicRef leaves it, the referenced
 * subschemas reached from it (and what those reach in turn). The first subschema carrying a given
 * `x-clause` defines the clause; later ones with the same id add nothing.
 */
export function buildClauseIndex(documents: DocumentIndex): ClauseIndex {
  const byId = new Map<string, ClauseInfo>();
  const visited = new WeakSet<object>();

  function visit(node: SchemaNode): void {
    if (visited.has(node)) return;
    visited.add(node);
    const clause = node['x-clause'];
    if (typeof clause === 'string' && !byId.has(clause)) byId.set(clause, readClause(node, clause, documents));
    for (const [keyword, value] of Object.entries(node)) {
      if ((keyword === '$ref' || keyword === '$dynamicRef') && typeof value === 'string') followRef(value, node);
      else forEachSubschemaOf(keyword, value, visit);
    }
  }

  function followRef(ref: string, from: SchemaNode): void {
    const target = documents.resolve(ref, from);
    // The standard itself is walked in place, so refs only lead out of it.
    if (target !== undefined && documents.locate(target)?.document !== null) visit(target);
  }

  visit(documents.main);
  return { clauses: [...byId.values()], byId };
}

/** The `x-clause` of `node`, following a $ref when the node carries none itself; null when none. */
export function clauseOfSubschema(node: unknown, documents: DocumentIndex): string | null {
  let current = node;
  for (let hops = 0; hops < 16 && isSchemaNode(current); hops++) {
    if (typeof current['x-clause'] === 'string') return current['x-clause'];
    if (typeof current.$ref !== 'string') return null;
    current = documents.resolve(current.$ref, current);
  }
  return null;
}

function readClause(node: SchemaNode, clause: string, documents: DocumentIndex): ClauseInfo {
  const location = documents.locate(node);
  return {
    clause,
    title: readLocalized(node['x-title']),
    requirement: readLocalized(node['x-requirement']),
    unit: typeof node['x-unit'] === 'string' ? node['x-unit'] : null,
    source: readSource(node['x-source']),
    illustrative: node['x-illustrative'] === true,
    pointer: location === undefined ? '' : formatClausePointer(location),
  };
}

function readLocalized(value: unknown): LocalizedText | null {
  if (!isSchemaNode(value) || typeof value.en !== 'string') return null;
  const text: LocalizedText = { en: value.en };
  if (typeof value.ru === 'string') text.ru = value.ru;
  if (typeof value.fa === 'string') text.fa = value.fa;
  return text;
}

function readSource(value: unknown): string | string[] | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return [...value];
  return null;
}
