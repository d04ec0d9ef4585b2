import type { DocumentIndex } from './document-index.ts';
import { isSchemaNode, type SchemaNode } from './schema-walk.ts';

/**
 * The clauses a conforming spec always passes: those whose subschema is evaluated whatever the
 * spec, so validation cannot have succeeded without them. Such a subschema is reached from the
 * root only through allOf, $ref, and properties that the same object schema both requires and
 * types as "object" (without the type, a non-object instance would skip them). Every other
 * applicator (anyOf, if, items, optional properties, …) may leave a subschema unevaluated.
 */
export function certainClauses(documents: DocumentIndex): Set<string> {
  const certain = new Set<string>();
  const visited = new WeakSet<object>();

  function visit(node: SchemaNode): void {
    if (visited.has(node)) return;
    visited.add(node);
    if (typeof node['x-clause'] === 'string') certain.add(node['x-clause']);
    if (Array.isArray(node.allOf)) for (const member of node.allOf) if (isSchemaNode(member)) visit(member);
    if (typeof node.$ref === 'string') {
      const target = documents.resolve(node.$ref, node);
      if (target !== undefined) visit(target);
    }
    for (const property of requiredObjectProperties(node)) visit(property);
  }

  visit(documents.main);
  return certain;
}

function requiredObjectProperties(node: SchemaNode): SchemaNode[] {
  const typedObject = node.type === 'object' || (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'object');
  if (!typedObject || !Array.isArray(node.required) || !isSchemaNode(node.properties)) return [];
  const properties = node.properties;
  return node.required.flatMap((name) => {
    const property = typeof name === 'string' && Object.hasOwn(properties, name) ? properties[name] : undefined;
    return isSchemaNode(property) ? [property] : [];
  });
}
