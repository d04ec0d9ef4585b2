import { DomainError } from '../errors.ts';
import type { EngineAjv } from './ajv-factory.ts';
import type { SchemaNode } from './schema-walk.ts';

/**
 * Adds the published documents a standard references to `instances`, which belong to that standard
 * alone: no document, and no `$id` a standard declares, ever reaches the instances of another
 * standard. A referenced document with the standard's own `$id` (an older version of itself) is
 * skipped, so that the standard being compiled wins. Throws DomainError('invalid_schema') when a
 * document has no `$id` or ajv refuses it.
 */
export function addReferencedDocuments(instances: readonly EngineAjv[], schema: SchemaNode, referenced: readonly SchemaNode[]): void {
  for (const document of referenced) {
    const id = document.$id;
    if (typeof id !== 'string') throw new DomainError('invalid_schema', 'a referenced schema has no $id', { reason: 'missing $id' });
    if (id !== schema.$id) addEverywhere(instances, id, document);
  }
}

/** Adds `schema` under `id` to every instance. */
function addEverywhere(instances: readonly EngineAjv[], id: string, schema: SchemaNode): void {
  try {
    for (const ajv of instances) ajv.addSchema(schema);
  } catch (error) {
    const reason = (error as Error).message;
    throw new DomainError('invalid_schema', `schema ${id} is invalid: ${reason}`, { reason, id });
  }
}
