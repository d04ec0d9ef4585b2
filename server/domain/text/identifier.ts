import { DomainError } from '../errors.ts';
import { isWellFormedText } from './well-formed.ts';

/** The rule name problem+json `errors[].keyword` carries when an identifier holds a forbidden character. */
export const identifierRule = 'identifier';

// Kept in step with schemas/common/identifier.schema.json (urn:irru:common:identifier).
const bidiControl = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const forbidden = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * The index of the first bidirectional control character in `text` (U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), or -1. Such characters reorder what is displayed, so "SAFE-1X-LEDOM" can print as "SAFE-MODEL-X1".
 */
export function findBidiControl(text: string): number {
  return text.search(bidiControl);
}

/**
 * True when `text` can stand as an identifier (model, variant, serial, HS code, document number): not
 * empty, well-formed Unicode, and free of control and bidirectional control characters, so what is shown
 * is what is stored. Length limits are the schema's business, not this predicate's.
 */
export function isIdentifier(text: string): boolean {
  return text.length > 0 && isWellFormedText(text) && !forbidden.test(text);
}

/**
 * Throws DomainError('validation_failed') naming `path` (a JSON pointer) and the rule `identifier` when
 * `text` is not an identifier (see isIdentifier).
 */
export function assertIdentifier(text: string, path: string): void {
  if (isIdentifier(text)) return;
  const message = 'must be an identifier: not empty, well-formed, no control or bidirectional control characters';
  throw new DomainError('validation_failed', `${path} ${message}`, { errors: [{ path, message, keyword: identifierRule, params: {} }] });
}
