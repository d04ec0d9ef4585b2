import type { UserRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { forbidden, rule, type Refusal } from './rule.ts';

/** A user's tokens are theirs and the admins' to see and revoke. */
function ownerOrAdmin(actor: Actor, owner: Pick<UserRecord, 'id'>): true | Refusal {
  return actor.role === 'admin' || actor.userId === owner.id || forbidden('only an admin or the token\'s owner may see or revoke it');
}

/** Rules for users and their API tokens: admins manage every account; a user lists and revokes their own tokens. */
export const accountPolicies = {
  'user.create': rule(['admin']),
  'user.disable': rule(['admin']),
  'token.issue': rule(['admin']),
  'token.rotate': rule(['admin']),
  /** The subject is the tokens' owner. */
  'token.list': rule<Pick<UserRecord, 'id'>>('authenticated', ownerOrAdmin),
  /** The subject is the token's owner. */
  'token.revoke': rule<Pick<UserRecord, 'id'>>('authenticated', ownerOrAdmin),
};
