import { DomainError } from '../errors.ts';
import { createEngineAjv } from './ajv-factory.ts';
import { buildClauseIndex } from './clause-index.ts';
import { indexDocuments } from './document-index.ts';
import { addEverywhere, createDocumentRegistry } from './document-registry.ts';
import { buildReport } from './report.ts';
import { assertSafePatterns } from './schema-safety.ts';
import { compileOrThrow, compileStandard, evaluate, registerRuntime, runtimeOf } from './standard-runtime.ts';
import type { ConformanceEngine, EngineDocument, PreparedStandard } from './types.ts';
import type { SchemaNode } from './schema-walk.ts';

/**
 * A conformance engine with its own long-lived ajv instances and cache of prepared standards.
 * Create one per process and share it: each standard version is compiled once.
 */
export function createConformanceEngine(): ConformanceEngine {
  const instances = { fast: createEngineAjv('fast'), reporting: createEngineAjv('reporting') };
  const registry = createDocumentRegistry([instances.fast, instances.reporting]);
  const cache = new Map<string, PreparedStandard>();

  const keyOf = (doc: Pick<EngineDocument, 'code' | 'version' | 'contentHash'>) => `${doc.code}@${doc.version}#${doc.contentHash}`;

  function prepare(doc: EngineDocument, referenced: Record<string, unknown>[]): PreparedStandard {
    const key = keyOf(doc);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    assertSafeDocuments(doc.schema, referenced);
    for (const document of referenced) registry.register(document);
    const main = typeof doc.schema.$id === 'string' ? registry.register(doc.schema) : doc.schema;
    const runtime = compileStandard(instances, main, registry.all());
    const prepared = registerRuntime({ code: doc.code, version: doc.version, contentHash: doc.contentHash }, runtime);
    cache.set(key, prepared);
    return prepared;
  }

  return {
    assertCompiles,
    prepare,
    cached: (doc) => cache.get(keyOf(doc)),
    check(prepared, spec, now = new Date()) {
      const runtime = runtimeOf(prepared);
      return buildReport(prepared, runtime, evaluate(runtime, spec), spec, now);
    },
    clauseIndex(schema, referenced) {
      return [...buildClauseIndex(indexDocuments(schema, referenced)).clauses];
    },
  };
}

/**
 * Compiles `schema` in a throwaway instance holding only `referenced`, so nothing is cached. The
 * plain instance accepts exactly what the checking ones accept (same options, keywords and
 * metaSchemas) but generates no tracking code, so unpublished uploads take no clause slots.
 */
function assertCompiles(schema: Record<string, unknown>, referenced: Record<string, unknown>[]): void {
  assertSafeDocuments(schema, referenced);
  const ajv = createEngineAjv('plain');
  for (const document of referenced) {
    const id = document.$id;
    if (typeof id !== 'string') throw new DomainError('invalid_schema', 'a referenced schema has no $id', { reason: 'missing $id' });
    // The schema being checked replaces an older version of itself among the referenced documents.
    if (id !== schema.$id) addEverywhere([ajv], id, document);
  }
  compileOrThrow(ajv, schema);
}

function assertSafeDocuments(schema: SchemaNode, referenced: readonly SchemaNode[]): void {
  assertSafePatterns(schema, 'schema');
  for (const document of referenced) {
    assertSafePatterns(document, `referenced schema ${String(document.$id)}`);
  }
}
