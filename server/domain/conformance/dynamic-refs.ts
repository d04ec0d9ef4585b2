import { appendPointer } from './json-pointer.ts';
import type { UnsafeConstruct } from './schema-safety.ts';
import { forEachSubschema, type SchemaNode } from './schema-walk.ts';

/**
 * ajv resolves `$dynamicRef: "#name"` through the `$dynamicAnchor`s it registered at the root of
 * schema resources; when the resource holding the reference has no such anchor at its root, the
 * generated code calls that resource's own validator on the same value again, which never ends
 * (every check, however small the spec, overflowed the stack). The engine therefore accepts a
 * `$dynamicRef` only when it can follow it: a fragment "#name" whose resource root (the nearest
 * enclosing subschema with `$id`, or the document) declares `$dynamicAnchor: "name"`, the shape of
 * the draft 2020-12 meta-schemas and of recursive extensible schemas.
 */
export function findUnsupportedDynamicRefs(schema: SchemaNode): UnsafeConstruct[] {
  const found: UnsafeConstruct[] = [];
  const visit = (node: SchemaNode, pointer: string, resourceRoot: SchemaNode): void => {
    const root = typeof node.$id === 'string' ? node : resourceRoot;
    const ref = node.$dynamicRef;
    if (typeof ref === 'string') {
      const reason = unsupportedReason(ref, root);
      if (reason !== null) found.push({ pointer: appendPointer(pointer, ['$dynamicRef']), keyword: '$dynamicRef', pattern: ref, reason });
    }
    forEachSubschema(node, (child, tokens) => visit(child, appendPointer(pointer, tokens), root));
  };
  visit(schema, '', schema);
  return found;
}

function unsupportedReason(ref: string, resourceRoot: SchemaNode): string | null {
  if (!ref.startsWith('#')) return 'only a fragment "#name" is supported';
  if (resourceRoot.$dynamicAnchor === ref.slice(1)) return null;
  return `the root of its schema resource must declare "$dynamicAnchor": ${JSON.stringify(ref.slice(1))}; ` +
    'elsewhere the engine cannot resolve it and would recurse without end';
}
