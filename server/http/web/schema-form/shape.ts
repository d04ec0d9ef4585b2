/**
 * What the generated form needs to know about one place in a standard's JSON Schema: its "shape". A value's
 * schema is often spread over several subschemas (the property itself, the `$ref` it points to in this or
 * another published standard, `allOf` members); the shape merges them. Conditional parts (`if`/`then`/`else`,
 * `anyOf`/`oneOf` alternatives) never narrow an input (a vendor must be able to enter a failing value), but
 * they may add properties, and `then`/`else` may require them: such fields appear when their condition applies
 * (see conditions.ts and build.ts).
 */
import { indexDocuments, type DocumentIndex } from '../../../domain/conformance/document-index.ts';
import { isSchemaNode, type SchemaNode } from '../../../domain/conformance/schema-walk.ts';
import type { LocalizedText } from '../../../domain/conformance/index.ts';

export type ShapeKind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'json';

/** One property an object may have, with every subschema that declares it. */
export interface PropertyDecl {
  name: string;
  /** Declarations that always apply (the object's `properties`, through `$ref` and `allOf`). */
  decls: SchemaNode[];
  /** Declarations in conditional branches and alternatives: used for the input type only when `decls` say nothing. */
  fallback: SchemaNode[];
}

/** An `if` with its branches, as found in the object's schema. */
export interface Conditional {
  if: unknown;
  then: SchemaNode | null;
  else: SchemaNode | null;
}

export interface Shape {
  kind: ShapeKind;
  clause: string | null;
  title: LocalizedText | null;
  requirement: LocalizedText | null;
  unit: string | null;
  /** Options of a select (the unconditional `enum`). */
  enumValues: unknown[] | null;
  /** Values offered while typing (string enums of `anyOf`/`oneOf` alternatives). */
  suggestions: string[];
  format: string | null;
  minimum: number | null;
  maximum: number | null;
  multipleOf: number | null;
  properties: PropertyDecl[];
  required: Set<string>;
  /** Properties some `then`/`else` requires: shown when that branch applies or they hold a value. */
  conditionallyRequired: Set<string>;
  conditionals: Conditional[];
  /** The schemas of an array's items. */
  items: SchemaNode[];
  maxItems: number | null;
}

/** A standard's schema prepared for forms: its documents indexed and shapes cached. */
export interface FormSchema {
  readonly root: SchemaNode;
  readonly documents: DocumentIndex;
  shapeOf(decls: readonly SchemaNode[], fallback?: readonly SchemaNode[]): Shape;
}

/** Most subschemas merged into one shape (bounds `$ref` chains and `allOf` fans). */
const maxParts = 64;

/** Indexes the standard and the published documents it references (as `referencedSchemas` returns them). */
export function prepareFormSchema(schema: Record<string, unknown>, referenced: readonly Record<string, unknown>[]): FormSchema {
  const documents = indexDocuments(schema, referenced);
  const ids = new WeakMap<object, number>();
  const cache = new Map<string, Shape>();
  let nextId = 0;
  const idOf = (node: object) => {
    let id = ids.get(node);
    if (id === undefined) ids.set(node, (id = nextId++));
    return id;
  };
  const form: FormSchema = {
    root: schema,
    documents,
    shapeOf(decls, fallback = []) {
      const key = `${decls.map(idOf).join(',')}|${fallback.map(idOf).join(',')}`;
      let shape = cache.get(key);
      if (!shape) {
        shape = buildShape(documents, decls, fallback);
        if (cache.size < 20_000) cache.set(key, shape);
      }
      return shape;
    },
  };
  return form;
}

/** Each declaration with what it always brings along: its `$ref` target and `allOf` members, recursively. */
export function expand(documents: DocumentIndex, decls: readonly SchemaNode[]): SchemaNode[] {
  const parts: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode) => {
    if (seen.has(node) || parts.length >= maxParts) return;
    seen.add(node);
    parts.push(node);
    if (typeof node.$ref === 'string') {
      const target = documents.resolve(node.$ref, node);
      if (target) visit(target);
    }
    if (Array.isArray(node.allOf)) node.allOf.filter(isSchemaNode).forEach(visit);
  };
  decls.forEach(visit);
  return parts;
}

const firstOf = <T>(parts: SchemaNode[], read: (part: SchemaNode) => T | null): T | null => {
  for (const part of parts) {
    const value = read(part);
    if (value !== null) return value;
  }
  return null;
};

const numberAt = (key: string) => (part: SchemaNode) => (typeof part[key] === 'number' ? (part[key] as number) : null);

function localized(value: unknown): LocalizedText | null {
  return isSchemaNode(value) && typeof value.en === 'string' ? (value as unknown as LocalizedText) : null;
}

function kindOfValues(values: unknown[]): ShapeKind | null {
  const kinds = new Set(values.map((value) => (typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value)));
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number';
  if (kinds.size !== 1) return null;
  const [kind] = [...kinds];
  return kind === 'string' || kind === 'boolean' || kind === 'integer' || kind === 'number' ? kind : null;
}

function declaredKind(parts: SchemaNode[]): ShapeKind | null {
  const type = firstOf(parts, (part) => (part.type === undefined ? null : part.type));
  const named = Array.isArray(type) ? type.find((item) => item !== 'null') : type;
  if (named === 'object' || named === 'array' || named === 'string' || named === 'number' || named === 'integer' || named === 'boolean') return named;
  if (named !== null && named !== undefined) return 'json';
  const enumValues = firstOf(parts, (part) => (Array.isArray(part.enum) ? part.enum : null));
  if (enumValues) return kindOfValues(enumValues) ?? 'json';
  const constant = parts.find((part) => part.const !== undefined);
  if (constant) return kindOfValues([constant.const]) ?? 'json';
  if (parts.some((part) => isSchemaNode(part.properties))) return 'object';
  if (parts.some((part) => isSchemaNode(part.items))) return 'array';
  return null;
}

function alternativesOf(parts: SchemaNode[]): SchemaNode[] {
  return parts.flatMap((part) => [part.anyOf, part.oneOf].flatMap((list) => (Array.isArray(list) ? list.filter(isSchemaNode) : [])));
}

/** Walks conditional branches (and what they nest) collecting properties they declare and require. */
function collectBranches(documents: DocumentIndex, parts: SchemaNode[], onBranch: (branchParts: SchemaNode[]) => void, depth = 0): void {
  if (depth > 8) return;
  for (const part of parts) {
    for (const branch of [part.then, part.else]) {
      if (!isSchemaNode(branch)) continue;
      const branchParts = expand(documents, [branch]);
      onBranch(branchParts);
      collectBranches(documents, branchParts, onBranch, depth + 1);
    }
  }
}

function buildShape(documents: DocumentIndex, decls: readonly SchemaNode[], fallback: readonly SchemaNode[]): Shape {
  // A property declared only inside conditional branches takes everything from them.
  const parts = expand(documents, decls.length > 0 ? decls : fallback);
  const alternatives = expand(documents, alternativesOf(parts));
  const fallbackParts = expand(documents, fallback);
  const alternativeKinds = new Set(alternativesOf(parts).map((alt) => declaredKind(expand(documents, [alt]))));
  const kind = declaredKind(parts)
    ?? (alternativeKinds.size === 1 ? [...alternativeKinds][0] : null)
    ?? declaredKind(fallbackParts)
    ?? 'json';

  const properties = new Map<string, PropertyDecl>();
  const declare = (source: SchemaNode[], into: 'decls' | 'fallback') => {
    for (const part of source) {
      if (!isSchemaNode(part.properties)) continue;
      for (const [name, schema] of Object.entries(part.properties)) {
        if (!isSchemaNode(schema)) continue;
        let entry = properties.get(name);
        if (!entry) properties.set(name, (entry = { name, decls: [], fallback: [] }));
        entry[into].push(schema);
      }
    }
  };
  declare(parts, 'decls');
  declare(alternatives, 'fallback');
  const conditionallyRequired = new Set<string>();
  collectBranches(documents, parts, (branchParts) => {
    declare(branchParts, 'fallback');
    declare(expand(documents, alternativesOf(branchParts)), 'fallback');
    for (const part of branchParts) {
      if (Array.isArray(part.required)) part.required.forEach((name) => typeof name === 'string' && conditionallyRequired.add(name));
    }
  });
  const required = new Set(parts.flatMap((part) => (Array.isArray(part.required) ? part.required.filter((name): name is string => typeof name === 'string') : [])));
  for (const name of required) conditionallyRequired.delete(name);

  const suggestions = alternatives.flatMap((alt) => (Array.isArray(alt.enum) ? alt.enum.filter((value): value is string => typeof value === 'string') : []));
  return {
    kind,
    clause: firstOf(parts, (part) => (typeof part['x-clause'] === 'string' ? part['x-clause'] : null)),
    title: firstOf(parts, (part) => localized(part['x-title'])),
    requirement: firstOf(parts, (part) => localized(part['x-requirement'])),
    unit: firstOf(parts, (part) => (typeof part['x-unit'] === 'string' ? part['x-unit'] : null)),
    enumValues: firstOf(parts, (part) => (Array.isArray(part.enum) ? part.enum : null)),
    suggestions: [...new Set(suggestions)].slice(0, 500),
    format: firstOf(parts, (part) => (typeof part.format === 'string' ? part.format : null)),
    minimum: firstOf(parts, numberAt('minimum')),
    maximum: firstOf(parts, numberAt('maximum')),
    multipleOf: firstOf(parts, numberAt('multipleOf')),
    properties: [...properties.values()],
    required,
    conditionallyRequired,
    conditionals: parts.filter((part) => part.if !== undefined).map((part) => ({
      if: part.if, then: isSchemaNode(part.then) ? part.then : null, else: isSchemaNode(part.else) ? part.else : null,
    })),
    items: parts.flatMap((part) => (isSchemaNode(part.items) ? [part.items] : [])),
    maxItems: firstOf(parts, numberAt('maxItems')),
  };
}

/** The shape of a property of an object shape (null when the object declares no such property). */
export function propertyShape(form: FormSchema, shape: Shape, name: string): Shape | null {
  const property = shape.properties.find((entry) => entry.name === name);
  return property ? form.shapeOf(property.decls, property.fallback) : null;
}

/** The shape of an array shape's items (null when it declares none). */
export function itemShape(form: FormSchema, shape: Shape): Shape | null {
  return shape.items.length > 0 ? form.shapeOf(shape.items) : null;
}
