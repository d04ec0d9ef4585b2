import type { ConformanceEngine } from '../conformance/index.ts';
import type { CheckRunner } from './check-runner.ts';

/**
 * Runs the engine on the calling thread, unbounded: for the CLI (an operator's own input) and unit
 * tests. The HTTP server must use the worker pool instead.
 */
export function inProcessCheckRunner(engine: ConformanceEngine): CheckRunner {
  return {
    async check(standard, spec) {
      const doc = { code: standard.code, version: standard.version, contentHash: standard.contentHash, schema: standard.schema };
      const prepared = engine.cached(doc) ?? engine.prepare(doc, await standard.referenced());
      return engine.check(prepared, spec);
    },
    async assertCompiles(schema, referenced) {
      engine.assertCompiles(schema, referenced);
    },
    async close() {},
  };
}
