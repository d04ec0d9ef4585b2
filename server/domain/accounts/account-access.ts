import { authorize, can } from '../policies/index.ts';
import type { Actor } from './actor.ts';

/**
 * Who may manage accounts, as domain/policies/accounts.ts decides it (these helpers only name the checks
 * domain/accounts makes). Admins manage every account; a user may list and revoke their own tokens.
 */

/** True when the actor may manage accounts (create, disable, issue and rotate tokens). */
export function canManageAccounts(actor: Actor): boolean {
  return can(actor, 'user.create');
}

/** Throws forbidden unless the actor is an admin. */
export function requireAccountAdmin(actor: Actor): void {
  authorize(actor, 'user.create');
}

/** Throws forbidden unless the actor may list and revoke the tokens of user `ownerId` (an admin, or that user). */
export function requireTokenAccess(actor: Actor, ownerId: string): void {
  authorize(actor, 'token.revoke', { id: ownerId });
}
