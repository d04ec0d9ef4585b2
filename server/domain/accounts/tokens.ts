import { createHash, randomBytes } from 'node:crypto';

const tokenPrefix = 'irru_';

/** A new random API token (256 bits, URL-safe). Shown once to its owner; only its hash is stored. */
export function generateToken(): string {
  return tokenPrefix + randomBytes(32).toString('base64url');
}

/** The stored form of a token: SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
