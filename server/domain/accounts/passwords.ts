import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../errors.ts';

/**
 * Passwords are stored as argon2id PHC strings (OWASP's minimum: 19 MiB, 2 passes, 1 lane), hashed and
 * verified off the event loop by @node-rs/argon2's own threads.
 */
// 2 is Algorithm.Argon2id: the package declares a const enum, which isolated modules cannot import.
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest and longest password accepted (characters); the upper bound keeps hashing cheap to refuse. */
export const passwordLength = { min: 12, max: 256 } as const;

/** Why a new password is refused, as a stable code the pages translate; null when it is acceptable. */
export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_email';

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < passwordLength.min) return 'too_short';
  if (length > passwordLength.max) return 'too_long';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'same_as_email';
  return null;
}

/** Throws validation_failed (with details.field = 'password' and details.problem) for a password the policy refuses. */
export function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new DomainError('validation_failed', `the password is refused (${problem.replaceAll('_', ' ')}; ${passwordLength.min}–${passwordLength.max} characters)`, { field: 'password', problem });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** True when the password matches the PHC string; a malformed hash is a mismatch, never a throw. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the e-mail is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
