import { DomainError } from '../errors.ts';
import type { EngineAjv } from './ajv-factory.ts';
import type { SchemaNode } from './schema-walk.ts';
import { specHash } from './spec-hash.ts';

/** The schemas with $id that long-lived ajv instances hold, one object per $id. */
export interface DocumentRegistry {
  /**
   * Makes `schema` (which must have a string $id) known to every instance and returns the object
   * they hold for that $id: the one registered before when its content is the same, else `schema`
   * itself, replacing the older content. Throws DomainError('invalid_schema') when ajv refuses it.
   */
  register(schema: SchemaNode): SchemaNode;
  /** Every registered document. */
  all(): SchemaNode[];
}

/** A registry over `instances`, which must not have schemas with $id added behind its back. */
export function createDocumentRegistry(instances: readonly EngineAjv[]): DocumentRegistry {
  const documents = new Map<string, { hash: string; schema: SchemaNode }>();
  return {
    register(schema) {
      const id = schema.$id;
      if (typeof id !== 'string') {
        throw new DomainError('invalid_schema', 'a referenced schema has no $id', { reason: 'missing $id' });
      }
      const hash = specHash(schema);
      const known = documents.get(id);
      if (known !== undefined && known.hash === hash) return known.schema;
      addEverywhere(instances, id, schema);
      documents.set(id, { hash, schema });
      return schema;
    },
    all: () => [...documents.values()].map((entry) => entry.schema),
  };
}

/** Adds `schema` under `id` to every instance, replacing what was there. */
export function addEverywhere(instances: readonly EngineAjv[], id: string, schema: SchemaNode): void {
  try {
    for (const ajv of instances) {
      ajv.removeSchema(id);
      ajv.addSchema(schema);
    }
  } catch (error) {
    const reason = (error as Error).message;
    throw new DomainError('invalid_schema', `schema ${id} is invalid: ${reason}`, { reason, id });
  }
}
