import type { Store } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import { actorFromUser, type Actor } from './actor.ts';
import { hashToken, tokenStatus } from './tokens.ts';

/**
 * The actor an API token belongs to. Read from the store on every call (nothing cached), so a revoked or
 * expired token, or a disabled user, is refused at once: DomainError('unauthenticated') saying which.
 */
export async function authenticateToken(store: Store, token: string, now = new Date()): Promise<Actor> {
  const record = await store.users.findToken(hashToken(token));
  if (!record) throw new DomainError('unauthenticated', 'the API token is unknown');
  const status = tokenStatus(record, now);
  if (status !== 'active') throw new DomainError('unauthenticated', `the API token is ${status}`);
  const user = await store.users.get(record.userId);
  if (!user) throw new DomainError('unauthenticated', 'the API token is unknown');
  if (user.disabledAt !== null) throw new DomainError('unauthenticated', 'the account is disabled');
  return actorFromUser(user);
}
