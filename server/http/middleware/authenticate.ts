import type { RequestHandler } from 'express';
import { authenticateToken } from '../../domain/accounts/users.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/port.ts';

/**
 * Resolves `Authorization: Bearer <token>` to `res.locals.actor`. No header: anonymous (routes decide).
 * A malformed header or an unknown or revoked token: 401, even on public routes, so a client with a
 * broken token finds out at once.
 */
export function authenticate(store: Store): RequestHandler {
  return async function authenticateRequest(req, res, next) {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    const actor = await authenticateToken(store, match[1]!);
    if (!actor) throw new DomainError('unauthenticated', 'the API token is unknown or revoked');
    res.locals.actor = actor;
    next();
  };
}
