import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The SHA-256 (lowercase hex) of the RFC 8785 (JCS) canonical JSON of `spec`: two specs that differ
 * only in key order or number spelling hash the same. Throws a TypeError for values JSON cannot hold
 * (undefined, functions, NaN, Infinity, lone surrogates, cycles).
 */
export function specHash(spec: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(spec);
  } catch (error) {
    throw new TypeError(`spec is not a JSON value: ${(error as Error).message}`);
  }
  if (canonical === undefined) throw new TypeError('spec is not a JSON value');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
