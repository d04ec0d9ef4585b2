import { createHash, randomBytes } from 'node:crypto';
import type { SessionSettings } from '../../config.ts';
import type { Store, UserRecord, WebSessionRecord } from '../../store/port.ts';
import { actorFromUser, type Actor } from './actor.ts';

/** A live session as the web layer sees it: who, and the secret its CSRF tokens derive from. */
export interface ActiveSession {
  idHash: string;
  actor: Actor;
  user: UserRecord;
  csrfSecret: string;
}

export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/** Touching the session on every request would make every page view a write; once a minute is enough for a minutes-long idle limit. */
const touchEveryMs = 60_000;

/**
 * Starts a session for a user who just proved who they are: always a fresh id (the session is rotated on
 * every sign-in, so an id planted before sign-in is worthless), any session the browser held is ended.
 * Returns the id for the cookie; the store keeps only its SHA-256.
 */
export async function startSession(store: Store, userId: string, settings: SessionSettings, previousId?: string, now = new Date()): Promise<{ sessionId: string; record: WebSessionRecord }> {
  const sessionId = randomBytes(32).toString('base64url');
  const record: WebSessionRecord = {
    idHash: hashSessionId(sessionId),
    userId,
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + settings.absoluteHours * 3_600_000).toISOString(),
  };
  await store.transaction(async (tx) => {
    if (previousId) await tx.webSessions.delete(hashSessionId(previousId));
    // Housekeeping rides along with sign-ins: expired sessions and old failures are forgotten.
    await tx.webSessions.deleteExpired(now.toISOString(), new Date(now.getTime() - settings.lockoutMinutes * 60_000).toISOString());
    await tx.webSessions.insert(record);
  });
  return { sessionId, record };
}

/**
 * The session a cookie names, or null when it is unknown, idle too long, past its absolute end, or its user
 * is disabled (an ended session is deleted). Refreshes the idle clock at most once a minute.
 */
export async function resumeSession(store: Store, sessionId: string, settings: SessionSettings, now = new Date()): Promise<ActiveSession | null> {
  const idHash = hashSessionId(sessionId);
  const record = await store.webSessions.get(idHash);
  if (!record) return null;
  const idleEnd = Date.parse(record.lastSeenAt) + settings.idleMinutes * 60_000;
  const user = await store.users.get(record.userId);
  if (!user || user.disabledAt !== null || now.getTime() >= idleEnd || now.getTime() >= Date.parse(record.expiresAt)) {
    await store.transaction((tx) => tx.webSessions.delete(idHash));
    return null;
  }
  if (now.getTime() - Date.parse(record.lastSeenAt) >= touchEveryMs) {
    await store.transaction((tx) => tx.webSessions.touch(idHash, now.toISOString()));
  }
  return { idHash, actor: actorFromUser(user), user, csrfSecret: record.csrfSecret };
}

/** Ends a session (sign-out). Unknown ids are ignored. */
export async function endSession(store: Store, sessionId: string): Promise<void> {
  await store.transaction((tx) => tx.webSessions.delete(hashSessionId(sessionId)));
}
