import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiTokenRecord } from '../../store/port.ts';

const tokenPrefix = 'irru_';
const dayMs = 24 * 60 * 60 * 1000;

/** Lifetime of a new token when nobody says otherwise (config TOKEN_LIFETIME_DAYS overrides it). */
export const defaultTokenLifetimeDays = 90;

/** A new random API token (256 bits, URL-safe). Shown once to its owner; only its hash is stored. */
export function generateToken(): string {
  return tokenPrefix + randomBytes(32).toString('base64url');
}

/** The stored form of a token: SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How a new token is labelled and how long it lives. */
export interface TokenOptions {
  name?: string | null;
  lifetimeDays?: number;
}

/** A fresh token for a user: the record to store (hash only) and the token in clear, to show once. */
export function newToken(userId: string, options: TokenOptions, now: Date): { record: ApiTokenRecord; token: string } {
  const token = generateToken();
  const lifetimeDays = options.lifetimeDays ?? defaultTokenLifetimeDays;
  const record: ApiTokenRecord = {
    id: randomUUID(), userId, tokenHash: hashToken(token), name: options.name ?? null,
    createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + lifetimeDays * dayMs).toISOString(), revokedAt: null,
  };
  return { record, token };
}

/** Whether a token still authenticates at `now`. */
export type TokenStatus = 'active' | 'expired' | 'revoked';

/** The status of a token at `now`: revoked wins over expired. */
export function tokenStatus(token: ApiTokenRecord, now: Date): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}
