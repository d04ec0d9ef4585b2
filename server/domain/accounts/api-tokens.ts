import type { ApiTokenRecord, Store, StoreTransaction, UserRecord } from '../../store/port.ts';
import { appendAudit, type Acting } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policies/index.ts';
import { requireAccountAdmin, requireTokenAccess } from './account-access.ts';
import type { Actor } from './actor.ts';
import { newToken, tokenStatus, type TokenOptions } from './tokens.ts';
import type { AccountOptions } from './users.ts';

/** What an admin may say when issuing or rotating: a label and a lifetime (default: the configured one). */
export interface TokenRequest {
  name?: string;
  expiresInDays?: number;
}

/** A rotation: which token to replace (default: every token of the user that is not revoked). */
export interface TokenRotation extends TokenRequest {
  tokenId?: string;
}

/** A newly issued token: its record (hash only) and the token in clear, shown this once. */
export interface IssuedToken {
  record: ApiTokenRecord;
  token: string;
}

async function activeUser(tx: StoreTransaction, userId: string): Promise<UserRecord> {
  const user = await tx.users.get(userId);
  if (!user) throw new DomainError('not_found', `no user ${userId}`);
  if (user.disabledAt !== null) throw new DomainError('invalid_state', `user ${user.email} is disabled`, { state: 'disabled' });
  return user;
}

function scopeOf(user: UserRecord) {
  return user.jurisdiction ? [user.jurisdiction] : [];
}

function tokenOptions(request: TokenRequest, options: AccountOptions, fallbackName: string | null = null): TokenOptions {
  return { name: request.name ?? fallbackName, lifetimeDays: request.expiresInDays ?? options.tokenLifetimeDays };
}

/** Every token of a user, newest first (admins, or the user themselves). */
export async function listTokens(store: Store, actor: Actor, userId: string): Promise<ApiTokenRecord[]> {
  requireTokenAccess(actor, userId);
  if (!(await store.users.get(userId))) throw new DomainError('not_found', `no user ${userId}`);
  return store.users.listTokens(userId);
}

/** Issues a new token to an active user (admins only), audited in the same transaction. */
export async function issueToken(store: Store, acting: Acting<Actor>, userId: string, request: TokenRequest, options: AccountOptions = {}): Promise<IssuedToken> {
  requireAccountAdmin(acting.actor);
  return issue(store, acting, userId, request, options);
}

/** Issues a new token to the acting user themselves (any signed-in user, their account page), audited as token.issue. */
export async function issueOwnToken(store: Store, acting: Acting<Actor>, request: TokenRequest, options: AccountOptions = {}): Promise<IssuedToken> {
  authorize(acting.actor, 'token.issue.own', { id: acting.actor.userId });
  return issue(store, acting, acting.actor.userId, request, options);
}

async function issue(store: Store, acting: Acting<Actor>, userId: string, request: TokenRequest, options: AccountOptions): Promise<IssuedToken> {
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const user = await activeUser(tx, userId);
    const issued = newToken(user.id, tokenOptions(request, options), now);
    await tx.users.insertToken(issued.record);
    await appendAudit(tx, acting, {
      action: 'token.issue', subject: `user:${user.id}`, scope: scopeOf(user),
      summary: { tokenId: issued.record.id, name: issued.record.name, expiresAt: issued.record.expiresAt, self: acting.actor.userId === user.id },
    }, now);
    return issued;
  });
}

async function tokensToRotate(tx: StoreTransaction, user: UserRecord, tokenId: string | undefined): Promise<ApiTokenRecord[]> {
  const tokens = (await tx.users.listTokens(user.id)).filter((token) => token.revokedAt === null);
  if (tokenId === undefined) return tokens;
  const token = tokens.find((candidate) => candidate.id === tokenId);
  if (token) return [token];
  const known = await tx.users.getToken(tokenId);
  if (known?.userId === user.id) throw new DomainError('invalid_state', `token ${tokenId} is revoked already`, { state: 'revoked' });
  throw new DomainError('not_found', `user ${user.email} has no token ${tokenId}`);
}

/**
 * Rotates a user's credentials (admins only): issues a new token and revokes the one named (or every one
 * not yet revoked) in one transaction with its audit event, so there is never a moment with both or neither.
 */
export async function rotateTokens(store: Store, acting: Acting<Actor>, userId: string, rotation: TokenRotation, options: AccountOptions = {}): Promise<IssuedToken & { revoked: string[] }> {
  requireAccountAdmin(acting.actor);
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const user = await activeUser(tx, userId);
    const old = await tokensToRotate(tx, user, rotation.tokenId);
    for (const token of old) await tx.users.revokeToken(token.id, now.toISOString());
    const issued = newToken(user.id, tokenOptions(rotation, options, old.length === 1 ? old[0]!.name : null), now);
    await tx.users.insertToken(issued.record);
    const revoked = old.map((token) => token.id);
    await appendAudit(tx, acting, {
      action: 'token.rotate', subject: `user:${user.id}`, scope: scopeOf(user),
      summary: { tokenId: issued.record.id, name: issued.record.name, expiresAt: issued.record.expiresAt, revoked },
    }, now);
    return { ...issued, revoked };
  });
}

/**
 * Revokes one token (admins, or its owner): it stops authenticating at once. Audited in the same
 * transaction; a token revoked already is an invalid_state (409) and nothing changes.
 */
export async function revokeToken(store: Store, acting: Acting<Actor>, tokenId: string, now = new Date()): Promise<ApiTokenRecord> {
  return store.transaction(async (tx) => {
    const token = await tx.users.getToken(tokenId);
    if (!token) throw new DomainError('not_found', `no token ${tokenId}`);
    requireTokenAccess(acting.actor, token.userId);
    if (tokenStatus(token, now) === 'revoked') throw new DomainError('invalid_state', `token ${tokenId} is revoked already`, { state: 'revoked' });
    await tx.users.revokeToken(token.id, now.toISOString());
    const owner = await tx.users.get(token.userId);
    await appendAudit(tx, acting, {
      action: 'token.revoke', subject: `user:${token.userId}`, scope: owner ? scopeOf(owner) : [],
      summary: { tokenId: token.id, name: token.name, self: acting.actor.userId === token.userId },
    }, now);
    return { ...token, revokedAt: now.toISOString() };
  });
}
