import { DomainError } from '../domain/errors.ts';

/**
 * Opaque keyset cursors: the position after which the next page starts, as base64url JSON. Clients must
 * not build them; a cursor that does not decode is a validation error, never a silent first page.
 */
export function encodeCursor(position: number | null): string | null {
  return position === null ? null : Buffer.from(JSON.stringify({ p: position })).toString('base64url');
}

/** The position a cursor stands for, or undefined without a cursor. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const { p } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown };
    if (Number.isSafeInteger(p) && (p as number) >= 0) return p as number;
  } catch {
    // reported below
  }
  throw new DomainError('validation_failed', 'the cursor is not one this API gave out', { errors: [{ path: '/cursor', message: 'invalid cursor', keyword: 'cursor', params: {} }] });
}

/** The page size from a validated `limit` query parameter. */
export function limitOf(limit: string | undefined, fallback: number): number {
  return limit === undefined ? fallback : Number(limit);
}
