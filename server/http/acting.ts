import type { Request, Response } from 'express';
import type { Acting } from '../domain/audit/append.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import { actorOf } from './middleware/authorize.ts';

/** The request id pino-http gave the request (echoed in X-Request-Id), or null. */
export function requestIdOf(req: Request): string | null {
  return req.id === undefined || req.id === null || req.id === '' ? null : String(req.id);
}

/** Who acts and through which request: what every audited command takes. */
export function actingOf(req: Request, res: Response): Acting<Actor> {
  return { actor: actorOf(res), requestId: requestIdOf(req) };
}
