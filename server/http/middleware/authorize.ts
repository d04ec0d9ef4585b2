import type { RequestHandler, Response } from 'express';
import type { Actor } from '../../domain/accounts/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorize, type Action } from '../../domain/policies/index.ts';

/**
 * The route-level check of a policy action, before anything is read: 401 without an actor (unless the
 * action is public), 403 for a role the action's gate does not admit. Checks on the record itself
 * happen in the domain command, through the same policy.
 */
export function authorizeRoute(action: Action): RequestHandler {
  return function authorizeRequest(_req, res, next) {
    authorize((res.locals.actor as Actor | undefined) ?? null, action);
    next();
  };
}

/** The authenticated actor of a request that passed `authorizeRoute` (throws when there is none). */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new DomainError('unauthenticated', 'this route needs an API token');
  return actor;
}
