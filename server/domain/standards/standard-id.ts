import { DomainError } from '../errors.ts';
import { appendPointer } from '../conformance/json-pointer.ts';
import { forEachSubschema, type SchemaNode } from '../conformance/schema-walk.ts';
import type { StandardDocument } from './standard-document.ts';

/**
 * The identifiers a standard's schema may declare. A standard lives in the registry's namespace:
 * its `$id` is exactly `urn:irru:std:<CODE>:<VERSION>` (the document's code and version), and any
 * embedded schema resource is a sub-resource of it, `urn:irru:std:<CODE>:<VERSION>/<name>`. So no
 * standard can claim the JSON Schema meta-schemas, the registry's own `urn:irru:api:` and
 * `urn:irru:common:` schemas, or another standard's identifier.
 */

/** Namespace of every standard's `$id`. */
export const standardIdPrefix = 'urn:irru:std:';

/** Identifiers no uploaded schema may declare, whatever its namespace rule says. */
const reservedPrefixes = ['https://json-schema.org/', 'http://json-schema.org/', 'urn:irru:api:', 'urn:irru:common:'];

/** The `$id` a standard document with this code and version must declare. */
export function standardIdOf(code: string, version: string): string {
  return `${standardIdPrefix}${code}:${version}`;
}

/** True for the JSON Schema meta-schemas and the registry's own schemas. */
export function isReservedId(id: string): boolean {
  return reservedPrefixes.some((prefix) => id.toLowerCase().startsWith(prefix));
}

function refuse(message: string, pointer: string, id: unknown): never {
  throw new DomainError('invalid_schema', message, { rule: 'standard_id', pointer, id });
}

/**
 * Throws DomainError('invalid_schema', details.rule 'standard_id') unless the root `$id` is
 * standardIdOf(code, version) or absent (then no other standard can reference it) and every
 * embedded `$id` is a sub-resource of standardIdOf(code, version).
 */
export function assertStandardIds(document: StandardDocument): void {
  const expected = standardIdOf(document.code, document.version);
  const id = document.schema.$id;
  if (typeof id === 'string' && isReservedId(id)) refuse(`the schema's $id "${id}" is reserved (JSON Schema meta-schemas and the registry's own schemas); use "${expected}"`, '/$id', id);
  if (id !== undefined && id !== expected) refuse(`the schema's $id must be "${expected}" (the registry's namespace, with the document's code and version), not ${JSON.stringify(id ?? null)}`, '/$id', id);
  forEachEmbeddedId(document.schema, '', (embedded, pointer) => {
    if (typeof embedded !== 'string' || !embedded.startsWith(`${expected}/`)) {
      refuse(`the embedded $id ${JSON.stringify(embedded)} at "${pointer}" must be a sub-resource of the standard, "${expected}/<name>"`, pointer, embedded);
    }
  });
}

/** Calls `visit` for the `$id` of every subschema below the root (schema positions only: a `const` value is data). */
function forEachEmbeddedId(schema: SchemaNode, pointer: string, visit: (id: unknown, pointer: string) => void): void {
  forEachSubschema(schema, (child, tokens) => {
    const at = appendPointer(pointer, tokens);
    if (Object.hasOwn(child, '$id')) visit(child.$id, `${at}/$id`);
    forEachEmbeddedId(child, at, visit);
  });
}
