import type { UserRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { forbidden, rule, type Refusal } from './rule.ts';

/** A user's tokens are theirs and the admins' to see and revoke. */
function ownerOrAdmin(actor: Actor, owner: Pick<UserRecord, 'id'>): true | Refusal {
  return actor.role === 'admin' || actor.userId === owner.id || forbidden('only an admin or the token\'s owner may see or revoke it');
}

/** What an admin does to another account only: on their own, it would lock them out or skip their current password. */
function notOneself(what: string) {
  return (actor: Actor, user: Pick<UserRecord, 'id'>): true | Refusal => actor.userId !== user.id || forbidden(`an admin does not ${what} their own account`);
}

/** Rules for users and their API tokens: admins manage every account; a user manages their own password and tokens. */
export const accountPolicies = {
  'user.create': rule(['admin']),
  /** Admins list and open every account (the admin user pages). */
  'user.list': rule(['admin']),
  /** The subject is the user disabled: any but the admin themselves. */
  'user.disable': rule<Pick<UserRecord, 'id'>>(['admin'], notOneself('disable')),
  /** An admin sets another user's password without knowing it (the subject: that user); one's own is changed on one's account page. */
  'user.password.reset': rule<Pick<UserRecord, 'id'>>(['admin'], notOneself('reset the password of')),
  'token.issue': rule(['admin']),
  /** Any signed-in user issues tokens to themselves (the subject: the token's owner), never to another. */
  'token.issue.own': rule<Pick<UserRecord, 'id'>>('authenticated', (actor, owner) => actor.userId === owner.id || forbidden('a user issues tokens only to themselves')),
  'token.rotate': rule(['admin']),
  /** The subject is the tokens' owner. */
  'token.list': rule<Pick<UserRecord, 'id'>>('authenticated', ownerOrAdmin),
  /** The subject is the token's owner. */
  'token.revoke': rule<Pick<UserRecord, 'id'>>('authenticated', ownerOrAdmin),
  /** The subject is the user whose password is set: themselves (with their current password), or anyone by an admin. */
  'user.password.set': rule<Pick<UserRecord, 'id'>>('authenticated', (actor, owner) => actor.role === 'admin' || actor.userId === owner.id || forbidden('only an admin may set another user\'s password')),
};
