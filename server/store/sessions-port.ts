/** The storage port's part for web sign-in: server-side sessions and the failed sign-ins that throttle guessing. */

/** A signed-in browser. The cookie holds the session id; the store keeps only its SHA-256. */
export interface WebSessionRecord {
  /** SHA-256 (hex) of the session id. */
  idHash: string;
  userId: string;
  /** Random secret the session's CSRF tokens are derived from. */
  csrfSecret: string;
  createdAt: string;
  /** Last request seen (refreshed at most once a minute): the idle expiry counts from here. */
  lastSeenAt: string;
  /** Absolute end of the session, whatever its activity. */
  expiresAt: string;
}

export interface WebSessionReader {
  get(idHash: string): Promise<WebSessionRecord | null>;
  /** How many failed sign-ins were recorded for the key at or after `since`. */
  countSignInFailures(throttleKey: string, since: string): Promise<number>;
}

export interface WebSessionRepository extends WebSessionReader {
  insert(session: WebSessionRecord): Promise<void>;
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of a user (password changed, account disabled). */
  deleteOfUser(userId: string): Promise<void>;
  /** Forgets sessions whose absolute expiry is before `sessionsBefore` and failed sign-ins older than `failuresBefore`. */
  deleteExpired(sessionsBefore: string, failuresBefore: string): Promise<void>;
  recordSignInFailure(throttleKey: string, at: string): Promise<void>;
  clearSignInFailures(throttleKey: string): Promise<void>;
}
