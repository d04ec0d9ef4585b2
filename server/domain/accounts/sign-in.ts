import type { SessionSettings } from '../../config.ts';
import type { Store, UserRecord } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';

/** What throttles guessing: the e-mail address tried, and the address the attempts come from. */
function throttleKeys(email: string, clientAddress: string): string[] {
  return [`email:${email.trim().toLowerCase()}`, `client:${clientAddress}`];
}

/**
 * Refuses with too_many_attempts while any key has had too many failures in the window (sign-in, and a
 * signed-in user's guesses at their current password).
 */
export async function refuseWhenThrottled(store: Store, keys: string[], settings: SessionSettings, now: Date): Promise<void> {
  const since = new Date(now.getTime() - settings.lockoutMinutes * 60_000).toISOString();
  for (const key of keys) {
    // A client address gets more room than one account: several people may sign in from one border post.
    const allowed = key.startsWith('client:') ? settings.maxFailures * 4 : settings.maxFailures;
    if ((await store.webSessions.countSignInFailures(key, since)) >= allowed) {
      throw new DomainError('too_many_attempts', `too many failed sign-ins; try again in ${settings.lockoutMinutes} minutes`, { retryAfter: settings.lockoutMinutes * 60 });
    }
  }
}

/**
 * Checks an e-mail address and password. A wrong password, an unknown address, an account without a
 * password or a disabled account all get the same unauthenticated error (the page cannot tell which),
 * and each failure is recorded; after too many, every attempt is refused with too_many_attempts until the
 * window passes, even with the right password. Success clears the account's failures.
 */
export async function signIn(store: Store, email: string, password: string, clientAddress: string, settings: SessionSettings, now = new Date()): Promise<UserRecord> {
  const keys = throttleKeys(email, clientAddress);
  await refuseWhenThrottled(store, keys, settings, now);
  const user = await store.users.findByEmail(email.trim().toLowerCase());
  const stored = user ? await store.users.passwordHashOf(user.id) : null;
  // The decoy keeps an unknown address as slow as a wrong password.
  const matches = await verifyPassword(stored ?? (await decoyPasswordHash()), password);
  if (!user || !stored || !matches || user.disabledAt !== null) {
    await recordFailures(store, keys, now);
    throw new DomainError('unauthenticated', 'the e-mail address or password is wrong');
  }
  await store.transaction((tx) => tx.webSessions.clearSignInFailures(keys[0]!));
  return user;
}

/** Records one failed guess under each key. */
export async function recordFailures(store: Store, keys: string[], now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    for (const key of keys) await tx.webSessions.recordSignInFailure(key, now.toISOString());
  });
}
