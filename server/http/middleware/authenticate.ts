import type { RequestHandler } from 'express';
import { authenticateToken } from '../../domain/accounts/authentication.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/port.ts';

/**
 * Resolves `Authorization: Bearer <token>` to `res.locals.actor`. No header: anonymous (routes decide).
 * A malformed header, an unknown, expired or revoked token, or a disabled user: 401, even on public
 * routes, so a client with a broken token finds out at once. Nothing is cached: every request asks the store.
 */
export function authenticate(store: Store): RequestHandler {
  return async function authenticateRequest(req, res, next) {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    res.locals.actor = await authenticateToken(store, match[1]!);
    next();
  };
}
