import type { Store } from '../../store/port.ts';
import { appendAudit, type Acting } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policies/index.ts';
import type { Actor } from './actor.ts';
import type { SessionSettings } from '../../config.ts';
import { checkPassword, hashPassword, verifyPassword } from './passwords.ts';
import { recordFailures, refuseWhenThrottled } from './sign-in.ts';

/**
 * Sets a user's password: the user themselves (who must give the current password, when they have one)
 * or an admin resetting it. Every session of the user ends in the same transaction, and the change is
 * audited (never the password). The policy (length, not the e-mail) is checked first. With `throttle`, wrong
 * current passwords count like failed sign-ins: after too many, too_many_attempts until the window passes
 * (an open session must not become a way to guess the password).
 */
export async function setPassword(
  store: Store, acting: Acting<Actor>, userId: string, newPassword: string, options: { currentPassword?: string; now?: Date; throttle?: SessionSettings } = {},
): Promise<void> {
  const self = acting.actor.userId === userId;
  authorize(acting.actor, 'user.password.set', { id: userId });
  const user = await store.users.get(userId);
  if (!user) throw new DomainError('not_found', `no user ${userId}`);
  checkPassword(newPassword, user.email);
  // Whoever changes their own password proves they know the current one (admins too: a session left open is not enough).
  if (self) {
    const keys = [`password:${userId}`];
    const now = options.now ?? new Date();
    if (options.throttle) await refuseWhenThrottled(store, keys, options.throttle, now);
    const current = await store.users.passwordHashOf(userId);
    if (current && !(await verifyPassword(current, options.currentPassword ?? ''))) {
      if (options.throttle) await recordFailures(store, keys, now);
      throw new DomainError('validation_failed', 'the current password is wrong', { field: 'currentPassword', problem: 'wrong_current' });
    }
  }
  const passwordHash = await hashPassword(newPassword);
  const now = options.now ?? new Date();
  await store.transaction(async (tx) => {
    await tx.users.setPasswordHash(userId, passwordHash, now.toISOString());
    await tx.webSessions.deleteOfUser(userId);
    await appendAudit(tx, acting, {
      action: self ? 'user.password.change' : 'user.password.reset', subject: `user:${userId}`, summary: { email: user.email },
      scope: user.jurisdiction ? [user.jurisdiction] : [],
    }, now);
  });
}
