import { createEngineAjv } from './ajv-factory.ts';
import { buildClauseIndex } from './clause-index.ts';
import { indexDocuments } from './document-index.ts';
import { addReferencedDocuments } from './document-registry.ts';
import { buildReport } from './report.ts';
import { assertSafePatterns } from './schema-safety.ts';
import { compileOrThrow, compileStandard, evaluate, registerRuntime, runtimeOf } from './standard-runtime.ts';
import type { ConformanceEngine, EngineDocument, PreparedStandard } from './types.ts';
import type { SchemaNode } from './schema-walk.ts';

/**
 * A conformance engine with its cache of prepared standards. Create one per process (or worker) and
 * share it: each standard version is compiled once. Each prepared standard has its own ajv
 * instances holding only the documents it references, so nothing one standard contains (an `$id`,
 * a meta-schema look-alike, a broken dependency) changes how another compiles or validates.
 */
export function createConformanceEngine(): ConformanceEngine {
  const cache = new Map<string, PreparedStandard>();

  const keyOf = (doc: Pick<EngineDocument, 'code' | 'version' | 'contentHash'>) => `${doc.code}@${doc.version}#${doc.contentHash}`;

  function prepare(doc: EngineDocument, referenced: Record<string, unknown>[]): PreparedStandard {
    const key = keyOf(doc);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    assertSafeDocuments(doc.schema, referenced);
    const instanceFor = (role: 'fast' | 'reporting') => {
      const ajv = createEngineAjv(role);
      addReferencedDocuments([ajv], doc.schema, referenced);
      return ajv;
    };
    const documents = referenced.filter((document) => document.$id !== doc.schema.$id);
    const runtime = compileStandard({ fast: instanceFor('fast'), reportingAjv: () => instanceFor('reporting') }, doc.schema, documents);
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
  addReferencedDocuments([ajv], schema, referenced);
  compileOrThrow(ajv, schema);
}

function assertSafeDocuments(schema: SchemaNode, referenced: readonly SchemaNode[]): void {
  assertSafePatterns(schema, 'schema');
  for (const document of referenced) {
    assertSafePatterns(document, `referenced schema ${String(document.$id)}`);
  }
}
