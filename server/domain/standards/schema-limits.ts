import { DomainError } from '../errors.ts';

/** The limits an uploaded standard must keep: an untrusted schema must not exhaust the registry. */
export interface SchemaLimits {
  standardBytes: number;
  schemaDepth: number;
}

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/** Throws DomainError('payload_too_large' | 'invalid_schema') when the document is over a limit. */
export function assertWithinLimits(document: unknown, limits: SchemaLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(document));
  if (bytes > limits.standardBytes) {
    throw new DomainError('payload_too_large', `the standard document is ${bytes} bytes; the limit is ${limits.standardBytes}`);
  }
  if (depthOf(document, limits.schemaDepth) > limits.schemaDepth) {
    throw new DomainError('invalid_schema', `the schema is nested deeper than ${limits.schemaDepth} levels`);
  }
}
