/**
 * Knows where JSON Schema draft 2020-12 keeps subschemas, so walkers visit schemas and never data
 * (a `const` or `enum` value that looks like a schema is data).
 */

/** A JSON object used as a schema. */
export type SchemaNode = Record<string, unknown>;

/** Keywords whose value is one subschema. */
const singleSchemaKeywords = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

/** Keywords whose value maps names to subschemas. */
const schemaMapKeywords = new Set([
  '$defs',
  'definitions',
  'dependencies',
  'dependentSchemas',
  'patternProperties',
  'properties',
]);

/** Keywords whose value is an array of subschemas. */
const schemaArrayKeywords = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);

/** True when `value` is a JSON object (a schema object when found in a schema position). */
export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit` for every subschema object held directly by keyword `keyword` with value `value`,
 * with the reference tokens that lead from the parent schema to it. Boolean subschemas are skipped.
 */
export function forEachSubschemaOf(
  keyword: string,
  value: unknown,
  visit: (subschema: SchemaNode, tokens: string[]) => void,
): void {
  if (singleSchemaKeywords.has(keyword) && isSchemaNode(value)) visit(value, [keyword]);
  if (schemaArrayKeywords.has(keyword) && Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isSchemaNode(item)) visit(item, [keyword, String(i)]);
    });
  }
  if (schemaMapKeywords.has(keyword) && isSchemaNode(value)) {
    for (const [name, item] of Object.entries(value)) {
      if (isSchemaNode(item)) visit(item, [keyword, name]);
    }
  }
}

/** Calls `visit` for every direct subschema of `schema`, in the order its keywords appear. */
export function forEachSubschema(
  schema: SchemaNode,
  visit: (subschema: SchemaNode, tokens: string[]) => void,
): void {
  for (const [keyword, value] of Object.entries(schema)) forEachSubschemaOf(keyword, value, visit);
}
