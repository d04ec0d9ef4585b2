import type { EngineDocument } from '../conformance/index.ts';
import type { ErrorCode } from '../errors.ts';

/** Which prepared standard a check uses: the cache key's parts. */
export type StandardIdentity = Pick<EngineDocument, 'code' | 'version' | 'contentHash'>;

/** A task for a check worker. `source` is sent only when the worker has not prepared the standard yet. */
export type WorkerRequest =
  | { kind: 'check'; standard: StandardIdentity; source?: { schema: Record<string, unknown>; referenced: Record<string, unknown>[] }; spec: unknown }
  | { kind: 'compile'; schema: Record<string, unknown>; referenced: Record<string, unknown>[] };

/** A DomainError as it crosses the thread boundary (no code: a bug, answered as a bare 500). */
export interface WorkerFailure {
  code?: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * What a worker posts: once `ready` after start-up; then per request, `phase: 'check'` when it has
 * compiled the standard it was sent (the clock restarts with the check budget), and one reply.
 */
export type WorkerReply = { ready: true } | { phase: 'check' } | { ok: true; value: unknown } | { ok: false; error: WorkerFailure };

/** The cache key of a prepared standard, the same in every worker. */
export function standardKey(standard: StandardIdentity): string {
  return `${standard.code}@${standard.version}#${standard.contentHash}`;
}
