import type { ConformanceReport, EngineDocument } from '../conformance/index.ts';

/**
 * A published standard version to check against. Its referenced documents are read only when the
 * runner has not compiled this version (same code, version and content hash) yet.
 */
export interface CheckableStandard extends EngineDocument {
  referenced(): Promise<Record<string, unknown>[]>;
}

/**
 * Where the conformance engine's unbounded work runs: compiling uploaded schemas and checking specs.
 * The HTTP server uses a pool of worker threads with a time and memory budget per task, so no request
 * blocks its event loop; the CLI and unit tests run the engine in-process.
 */
export interface CheckRunner {
  /**
   * The engine's report for `spec` (see ConformanceEngine.check). Throws DomainError('invalid_schema')
   * when the standard does not compile, 'check_too_expensive' (details.limit: 'time' | 'memory' |
   * 'depth') when the work goes over its budget, and 'unavailable' (details.retryAfter, seconds) when
   * too many checks are waiting already.
   */
  check(standard: CheckableStandard, spec: unknown): Promise<ConformanceReport>;
  /** Resolves when `schema` compiles with `referenced` (see ConformanceEngine.assertCompiles); throws like check. */
  assertCompiles(schema: Record<string, unknown>, referenced: Record<string, unknown>[]): Promise<void>;
  /** Stops what the runner holds (worker threads); later calls answer 'unavailable'. */
  close(): Promise<void>;
}
