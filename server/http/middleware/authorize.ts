import type { RequestHandler, Response } from 'express';
import type { Actor } from '../../domain/accounts/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Role } from '../../store/port.ts';

/** Who may call a route: anyone, any authenticated user, or users with one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** 401 without an actor (unless public), 403 with a role the route does not allow. */
export function authorize(access: Access): RequestHandler {
  return function authorizeRequest(_req, res, next) {
    if (access === 'public') return next();
    const actor = res.locals.actor as Actor | undefined;
    if (!actor) throw new DomainError('unauthenticated', 'this route needs an API token (Authorization: Bearer <token>)');
    if (access !== 'authenticated' && !access.includes(actor.role)) {
      throw new DomainError('forbidden', `this route needs the role ${access.join(' or ')}; you are ${actor.role}`);
    }
    next();
  };
}

/** The authenticated actor of a request that passed `authorize` (throws when there is none). */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new DomainError('unauthenticated', 'this route needs an API token');
  return actor;
}
