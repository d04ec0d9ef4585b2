import type { ConformanceReport } from '../conformance/index.ts';
import type { CheckRunner } from './check-runner.ts';
import { createWorkerPool, type PoolOptions } from './worker-pool.ts';
import { standardKey, type WorkerRequest } from './worker-protocol.ts';

const entry = new URL('./check-worker.ts', import.meta.url);

/**
 * The CheckRunner of the HTTP server: compiles and checks in worker threads (see createWorkerPool for
 * the budgets and the queue bound), so no request blocks the event loop for longer than it takes to
 * copy the spec and the report across. Each worker caches prepared standards by code@version#contentHash;
 * a standard's schema and its referenced documents are sent only to a worker that lacks them, and
 * checks of a standard go to an idle worker that holds it when there is one.
 */
export function createCheckPool(options: PoolOptions): CheckRunner {
  const pool = createWorkerPool(entry, options);
  return {
    check(standard, spec) {
      const identity = { code: standard.code, version: standard.version, contentHash: standard.contentHash };
      const key = standardKey(identity);
      return pool.run({
        affinity: key,
        async message(known): Promise<WorkerRequest> {
          if (known.has(key)) return { kind: 'check', standard: identity, spec };
          return { kind: 'check', standard: identity, source: { schema: standard.schema, referenced: await standard.referenced() }, spec };
        },
        done(value, known) {
          known.add(key);
          return value as ConformanceReport;
        },
      });
    },
    assertCompiles(schema, referenced) {
      return pool.run({
        message: async () => ({ kind: 'compile', schema, referenced }),
        done: () => undefined,
      });
    },
    close: () => pool.close(),
  };
}
