import { appendPointer, resolvePointer } from './json-pointer.ts';
import { forEachSubschema, isSchemaNode, type SchemaNode } from './schema-walk.ts';

/** Where a schema object sits: its document ($id, or null for the standard itself) and pointer. */
export interface SchemaLocation {
  readonly document: string | null;
  readonly pointer: string;
  /** The base URI in force for the object's own $ref (after its own $id). */
  readonly base: string;
}

/** A read-only view over the standard and the documents it may reference, by object identity. */
export interface DocumentIndex {
  readonly main: SchemaNode;
  /** Where `node` sits, or undefined when it is no schema object of these documents. */
  locate(node: unknown): SchemaLocation | undefined;
  /** The schema object `ref` (a $ref value found in `from`) points to, or undefined. Never fetches. */
  resolve(ref: string, from: SchemaNode): SchemaNode | undefined;
}

/** The base URI used for a standard without $id; refs are resolved against it as ajv resolves "". */
const anonymousBase = 'urn:x-irru-conformance:anonymous';

/**
 * Indexes every schema object of `main` and `referenced` (each identified by its $id): locations,
 * embedded resources ($id) and anchors ($anchor, $dynamicAnchor), so refs resolve statically.
 */
export function indexDocuments(main: SchemaNode, referenced: readonly SchemaNode[]): DocumentIndex {
  const locations = new WeakMap<object, SchemaLocation>();
  const resources = new Map<string, SchemaNode>();
  const anchors = new Map<string, SchemaNode>();

  function walk(node: SchemaNode, document: string | null, pointer: string, parentBase: string): void {
    if (locations.has(node)) return;
    let base = parentBase;
    if (typeof node.$id === 'string') {
      base = stripFragment(resolveUri(node.$id, parentBase) ?? parentBase);
      if (!resources.has(base)) resources.set(base, node);
    }
    for (const key of ['$anchor', '$dynamicAnchor']) {
      const anchor = node[key];
      if (typeof anchor === 'string' && !anchors.has(`${base}#${anchor}`)) anchors.set(`${base}#${anchor}`, node);
    }
    locations.set(node, { document, pointer, base });
    forEachSubschema(node, (child, tokens) => walk(child, document, appendPointer(pointer, tokens), base));
  }

  walk(main, null, '', anonymousBase);
  if (!resources.has(anonymousBase)) resources.set(anonymousBase, main);
  for (const doc of referenced) {
    if (typeof doc.$id === 'string') walk(doc, stripFragment(doc.$id), '', anonymousBase);
  }

  return {
    main,
    locate: (node) => (isSchemaNode(node) ? locations.get(node) : undefined),
    resolve(ref, from) {
      const absolute = resolveUri(ref, locations.get(from)?.base ?? anonymousBase);
      if (absolute === undefined) return undefined;
      const hash = absolute.indexOf('#');
      const uri = hash < 0 ? absolute : absolute.slice(0, hash);
      const fragment = hash < 0 ? '' : absolute.slice(hash + 1);
      const resource = resources.get(uri);
      if (resource === undefined) return undefined;
      const target = fragment.startsWith('/') || fragment === '' ? resolvePointer(resource, fragment) : anchors.get(`${uri}#${fragment}`);
      return isSchemaNode(target) ? target : undefined;
    },
  };
}

/** The location as a schema path: "#/pointer" in the standard, "<$id>#/pointer" in a referenced document. */
export function formatSchemaPath(location: SchemaLocation): string {
  return `${location.document ?? ''}#${location.pointer}`;
}

/** The location as a clause pointer: "/pointer" in the standard, "<$id>#/pointer" in a referenced document. */
export function formatClausePointer(location: SchemaLocation): string {
  return location.document === null ? location.pointer : `${location.document}#${location.pointer}`;
}

function resolveUri(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

function stripFragment(uri: string): string {
  const normalized = resolveUri(uri, anonymousBase) ?? uri;
  const hash = normalized.indexOf('#');
  return hash < 0 ? normalized : normalized.slice(0, hash);
}
