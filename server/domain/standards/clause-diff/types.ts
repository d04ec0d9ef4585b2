import type { ClauseInfo, LocalizedText } from '../../conformance/types.ts';

/**
 * What the clause-level diff compares, for every clause of the clause index:
 *
 * - `title`, `requirement`: the `x-title` / `x-requirement` text in each language (en, ru, fa) separately;
 * - `unit` (`x-unit`), `source` (`x-source`, a single string read as a list of one), `illustrative` (`x-illustrative`);
 * - the rules the clause states: every validation keyword of the subschema that carries the `x-clause`, of
 *   each later subschema repeating that `x-clause` (a `then`/`else` branch), and of the subschemas under
 *   them, or reached from them by `$ref`, that carry no `x-clause` of their own. Each rule is keyed by
 *   where it sits (`at`, see below) and its keyword, and classified as:
 *   `limit` (minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength,
 *   minItems, maxItems, minContains, maxContains, minProperties, maxProperties), `enum`, `const`,
 *   `pattern`, `type`, or `other` (every remaining validation keyword, e.g. format, uniqueItems,
 *   $ref, additionalProperties: false), so no change of a rule goes unreported;
 * - `required`: for the clause's own property and each property under it without a clause, where it is
 *   required: the `at` of every `required` list that names it (empty: optional);
 * - `condition`: the `if` of every `if`/`then`/`else` the clause sits under (its "applies when") or holds
 *   itself, keyed by where the `if` sits; a `dependentSchemas` entry counts as the condition
 *   `{"required": [name]}`. An `if` is compared as a whole; its subschemas state no rule of a clause.
 *
 * Not compared: annotations that do not change a verdict (title, description, $comment, examples,
 * default, deprecated, readOnly, writeOnly, $id, $anchor, $schema) and the clause's JSON pointer (a
 * referenced document's new version moves it without changing any rule).
 *
 * `at` is a path in the specification: property names joined by ".", `[]` for every array item,
 * `[n]` for a prefix item, `*` for additional properties, and markers for where the schema branches:
 * `[then]`, `[else]`, `[allOf n]`, `[anyOf n]`, `[oneOf n]`, `[not]`, `[contains]`,
 * `[dependentSchemas name]`, `[$defs name]`, `[$ref]` (the rules of a referenced subschema). "" is the
 * whole specification.
 */
export const comparedAspects = [
  'title', 'requirement', 'unit', 'source', 'illustrative', 'condition', 'required', 'limit', 'enum', 'const', 'pattern', 'type', 'other',
] as const;

export type DiffAspect = (typeof comparedAspects)[number];

export type DiffLanguage = 'en' | 'ru' | 'fa';

/** One compared value of a clause (see comparedAspects). */
export interface ClauseFact {
  aspect: DiffAspect;
  /** For title and requirement: the language. */
  language?: DiffLanguage;
  /** For rules, conditions and required-ness: where in the specification (see comparedAspects). */
  at?: string;
  /** For rules: the JSON Schema keyword; for conditions: "if"; for required-ness: "required". */
  keyword?: string;
  value: unknown;
}

/** One difference of a clause between two versions: the old and the new value (null: absent). */
export interface ClauseChange {
  aspect: DiffAspect;
  language?: DiffLanguage;
  at?: string;
  keyword?: string;
  from: unknown;
  to: unknown;
  /** For enum: the values only the new version allows, and those only the old one allowed. */
  added?: unknown[];
  removed?: unknown[];
}

/** A clause only one of the versions has, with what it states there. */
export interface ClauseEntry extends ClauseInfo {
  /** Its conditions, required-ness and rules (the facts other than title, requirement, unit, source, illustrative). */
  rules: ClauseFact[];
}

/** A clause both versions have, with what differs. */
export interface ChangedClause {
  clause: string;
  /** The title in the new version. */
  title: LocalizedText | null;
  pointer: string;
  changes: ClauseChange[];
}

/** The clause-level difference between two versions of a standard. */
export interface ClauseDiff {
  /** Clauses of the new version only, in its document order. */
  added: ClauseEntry[];
  /** Clauses of the old version only, in its document order. */
  removed: ClauseEntry[];
  /** Clauses of both whose facts differ, in the new version's document order. */
  changed: ChangedClause[];
  /** How many clauses both versions state identically. */
  unchanged: number;
}
