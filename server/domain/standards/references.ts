import type { StandardRecord, StandardReader } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

function visit(value: unknown, onObject: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => visit(item, onObject));
  else if (value !== null && typeof value === 'object') {
    onObject(value as Record<string, unknown>);
    Object.values(value).forEach((child) => visit(child, onObject));
  }
}

/** The documents (URIs without fragment) a schema points to outside itself through $ref or $dynamicRef. */
export function externalReferences(schema: Record<string, unknown>): string[] {
  const embedded = new Set<string>();
  const targets = new Set<string>();
  visit(schema, (node) => {
    if (typeof node.$id === 'string') embedded.add(node.$id.split('#')[0]!);
    for (const key of ['$ref', '$dynamicRef']) {
      const ref = node[key];
      if (typeof ref === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(ref)) targets.add(ref.split('#')[0]!);
    }
  });
  return [...targets].filter((target) => !embedded.has(target));
}

/**
 * Every published (or superseded) standard a schema reaches through references, transitively, as the
 * schemas the engine must know. Throws DomainError('invalid_schema') for a reference to anything else:
 * the registry never fetches a schema from the network.
 */
export async function referencedSchemas(standards: StandardReader, schema: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const found = new Map<string, StandardRecord>();
  const pending = externalReferences(schema);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (found.has(id)) continue;
    const target = await standards.findBySchemaId(id);
    if (!target || (target.status !== 'published' && target.status !== 'superseded')) {
      throw new DomainError('invalid_schema', `the schema references "${id}", which is not a published standard in this registry`);
    }
    found.set(id, target);
    pending.push(...externalReferences(target.schema));
  }
  return [...found.values()].map((record) => record.schema);
}
