import { buildClauseIndex } from '../../conformance/clause-index.ts';
import { indexDocuments, type DocumentIndex } from '../../conformance/document-index.ts';
import { forEachSubschemaOf, isSchemaNode, type SchemaNode } from '../../conformance/schema-walk.ts';
import type { ClauseInfo } from '../../conformance/types.ts';
import type { ClauseFact, DiffAspect, DiffLanguage } from './types.ts';

/** A schema document with the published schemas it references (each with its $id). */
export interface ClauseDocument {
  schema: Record<string, unknown>;
  referenced: Record<string, unknown>[];
}

/** Every clause of a document, in index order, with its facts by key (see comparedAspects in types.ts). */
export interface ClauseFacts {
  clauses: readonly ClauseInfo[];
  facts: ReadonlyMap<string, ReadonlyMap<string, ClauseFact>>;
}

const languages: readonly DiffLanguage[] = ['en', 'ru', 'fa'];

const limitKeywords = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'minContains', 'maxContains', 'minProperties', 'maxProperties',
]);

/** Keywords that never change a verdict, and keywords that identify rather than constrain. */
const notCompared = new Set([
  'title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly',
  '$id', '$anchor', '$dynamicAnchor', '$schema', '$vocabulary',
]);

/** The aspect a rule keyword is reported under. */
function aspectOf(keyword: string): DiffAspect {
  if (limitKeywords.has(keyword)) return 'limit';
  if (keyword === 'enum' || keyword === 'const' || keyword === 'pattern' || keyword === 'type') return keyword;
  return 'other';
}

const subschemaKeywords = new Map<string, boolean>();

/** True when `keyword` holds subschemas (asks schema-walk.ts with a probe, so the two never disagree). */
function holdsSubschemas(keyword: string): boolean {
  let found = subschemaKeywords.get(keyword);
  if (found === undefined) {
    found = false;
    forEachSubschemaOf(keyword, { probe: {} }, () => (found = true));
    forEachSubschemaOf(keyword, [{}], () => (found = true));
    subschemaKeywords.set(keyword, found);
  }
  return found;
}

/** Where a subschema sits in the specification, from its parent's place and the tokens leading to it. */
interface Place {
  /** The path with branch markers (what `at` shows). */
  at: string;
  /** The instance path only (property names and array items), to match `required` lists with properties. */
  field: string;
  /** Set when the subschema is the property `name` of its parent. */
  property: string | null;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function childPlace(parent: Place, tokens: string[]): Place {
  const [keyword, name = ''] = tokens;
  const step = (field: string): Place => ({ at: parent.at + field.slice(parent.field.length), field, property: null });
  switch (keyword) {
    case 'properties': return { at: join(parent.at, name), field: join(parent.field, name), property: name };
    case 'items': return tokens.length > 1 ? step(`${parent.field}[${name}]`) : step(`${parent.field}[]`);
    case 'prefixItems': return step(`${parent.field}[${name}]`);
    case 'additionalProperties': case 'unevaluatedProperties': return step(join(parent.field, '*'));
    case 'patternProperties': return step(join(parent.field, `/${name}/`));
    case 'additionalItems': case 'unevaluatedItems': return step(`${parent.field}[+]`);
    default: {
      const marker = tokens.length > 1 ? `[${keyword} ${name}]` : `[${keyword}]`;
      return { at: parent.at + marker, field: keyword === '$defs' || keyword === 'definitions' ? `#${name}` : parent.field, property: null };
    }
  }
}

/** A condition a subschema sits under: where its `if` is, the `if` itself, and which clause holds it. */
interface Condition {
  at: string;
  schema: unknown;
  owner: string | null;
}

/**
 * Walks a document like the clause index does (document order, following $ref into referenced documents)
 * and gathers, for each clause, the facts the diff compares. A subschema without `x-clause` belongs to the
 * clause of the nearest enclosing one; it is walked once per owning clause, so a definition shared by two
 * clauses counts for both.
 */
export function readClauseFacts(document: ClauseDocument): ClauseFacts {
  const documents = indexDocuments(document.schema, document.referenced);
  const index = buildClauseIndex(documents);
  const facts = new Map<string, Map<string, ClauseFact>>(index.clauses.map((info) => [info.clause, describedFacts(info)]));
  const walker = new FactWalker(documents, facts);
  walker.walk(documents.main, { at: '', field: '', property: null }, null, []);
  walker.attributeRequired();
  return { clauses: index.clauses, facts };
}

/** The key of a fact within its clause. */
export function factKey(fact: Omit<ClauseFact, 'value'>): string {
  return [fact.aspect, fact.language ?? '', fact.at ?? '', fact.keyword ?? ''].join('\u0000');
}

function put(into: Map<string, ClauseFact>, fact: ClauseFact): void {
  const key = factKey(fact);
  if (!into.has(key)) into.set(key, fact);
}

function describedFacts(info: ClauseInfo): Map<string, ClauseFact> {
  const out = new Map<string, ClauseFact>();
  for (const language of languages) {
    put(out, { aspect: 'title', language, value: info.title?.[language] ?? null });
    put(out, { aspect: 'requirement', language, value: info.requirement?.[language] ?? null });
  }
  put(out, { aspect: 'unit', value: info.unit });
  put(out, { aspect: 'source', value: info.source === null ? null : typeof info.source === 'string' ? [info.source] : info.source });
  put(out, { aspect: 'illustrative', value: info.illustrative });
  return out;
}

/** A `required` list's entry: the property it names (by instance path) and where the list sits. */
interface RequiredEntry {
  field: string;
  at: string;
  owner: string | null;
}

class FactWalker {
  private readonly visited = new Map<string | null, WeakSet<object>>();
  private readonly required: RequiredEntry[] = [];
  /** Instance path of each clause's own property (where the clause is a property) → the clause. */
  private readonly clauseFields = new Map<string, string>();

  constructor(
    private readonly documents: DocumentIndex,
    private readonly facts: Map<string, Map<string, ClauseFact>>,
  ) {}

  walk(node: SchemaNode, place: Place, inherited: string | null, conditions: readonly Condition[]): void {
    const clause = typeof node['x-clause'] === 'string' && this.facts.has(node['x-clause']) ? node['x-clause'] : null;
    const owner = clause ?? inherited;
    let seen = this.visited.get(owner);
    if (!seen) this.visited.set(owner, (seen = new WeakSet()));
    if (seen.has(node)) return;
    seen.add(node);
    const facts = owner === null ? null : this.facts.get(owner)!;
    if (clause !== null) this.recordOccurrence(clause, place, conditions);
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword.startsWith('x-') || notCompared.has(keyword)) continue;
      if (keyword === 'required' && Array.isArray(value)) {
        for (const name of value) if (typeof name === 'string') this.required.push({ field: join(place.field, name), at: place.at, owner });
        continue;
      }
      if (keyword === 'if') {
        // A condition, not a rule: compared as a whole (its subschemas state no requirement of their own).
        if (isSchemaNode(value) && facts) put(facts, { aspect: 'condition', at: place.at, keyword: 'if', value });
        continue;
      }
      if (keyword === '$ref' || keyword === '$dynamicRef') {
        if (facts) put(facts, { aspect: 'other', at: place.at, keyword, value });
        if (typeof value === 'string') this.followRef(value, node, place, owner, conditions);
        continue;
      }
      if (!holdsSubschemas(keyword)) {
        if (facts) put(facts, { aspect: aspectOf(keyword), at: place.at, keyword, value });
        continue;
      }
      if (typeof value === 'boolean' && facts) put(facts, { aspect: 'other', at: place.at, keyword, value });
      this.walkChildren(node, keyword, value, place, owner, conditions);
    }
  }

  private walkChildren(node: SchemaNode, keyword: string, value: unknown, place: Place, owner: string | null, conditions: readonly Condition[]): void {
    forEachSubschemaOf(keyword, value, (child, tokens) => {
      let under = conditions;
      if ((keyword === 'then' || keyword === 'else') && isSchemaNode(node.if)) under = [...conditions, { at: place.at, schema: node.if, owner }];
      if (keyword === 'dependentSchemas' || keyword === 'dependencies') {
        const at = `${place.at}[${keyword} ${tokens[1]}]`;
        const condition = { at, schema: { required: [tokens[1]] }, owner };
        if (owner !== null) put(this.facts.get(owner)!, { aspect: 'condition', at, keyword: 'if', value: condition.schema });
        under = [...conditions, condition];
      }
      this.walk(child, childPlace(place, tokens), owner, under);
    });
  }

  /** A $ref's target counts with the referring subschema (marked `[$ref]`); the clause index's walk is kept. */
  private followRef(ref: string, from: SchemaNode, place: Place, owner: string | null, conditions: readonly Condition[]): void {
    const target = this.documents.resolve(ref, from);
    if (target === undefined) return;
    // Like the clause index: without an owner, a target in the standard itself is walked in place.
    if (owner === null && this.documents.locate(target)?.document === null) return;
    this.walk(target, { at: `${place.at}[$ref]`, field: place.field, property: place.property }, owner, conditions);
  }

  private recordOccurrence(clause: string, place: Place, conditions: readonly Condition[]): void {
    const facts = this.facts.get(clause)!;
    for (const condition of conditions) {
      if (condition.owner !== clause) put(facts, { aspect: 'condition', at: condition.at, keyword: 'if', value: condition.schema });
    }
    if (place.property !== null && !this.clauseFields.has(place.field)) {
      this.clauseFields.set(place.field, clause);
      put(facts, { aspect: 'required', at: place.field, keyword: 'required', value: [] });
    }
  }

  /**
   * Gives each `required` entry to the clause whose property it names, else (a property without a clause
   * of its own) to the clause holding the list; the fact's value is every `at` that requires it, sorted.
   */
  attributeRequired(): void {
    for (const entry of this.required) {
      const clause = this.clauseFields.get(entry.field) ?? entry.owner;
      if (clause === null) continue;
      const facts = this.facts.get(clause)!;
      const key = factKey({ aspect: 'required', at: entry.field, keyword: 'required' });
      const fact = facts.get(key) ?? { aspect: 'required', at: entry.field, keyword: 'required', value: [] };
      const places = fact.value as string[];
      if (!places.includes(entry.at)) fact.value = [...places, entry.at].sort();
      facts.set(key, fact);
    }
  }
}
