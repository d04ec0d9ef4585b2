import { createHash } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { findIllFormedText, illFormedTextError } from '../text/well-formed.ts';
import { canonicalJsonText } from './jcs.ts';

/**
 * The SHA-256 (lowercase hex) of the RFC 8785 (JCS) canonical JSON of `spec`: two specs that differ
 * only in key order or number spelling hash the same. Always 64 hex digits, whatever the nesting depth: a
 * value with no canonical form throws DomainError('validation_failed') instead (a lone surrogate names its
 * JSON pointer within the spec with rule well_formed_unicode; NaN, Infinity, undefined, functions and cycles say why).
 */
export function specHash(spec: unknown): string {
  const illFormed = findIllFormedText(spec);
  if (illFormed !== null) throw illFormedTextError(illFormed);
  let canonical: string;
  try {
    canonical = canonicalJsonText(spec);
  } catch (error) {
    throw new DomainError('validation_failed', `the spec is not a JSON value: ${(error as Error).message}`);
  }
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
