import { randomUUID } from 'node:crypto';
import type { Jurisdiction, OrganisationKind, OrganisationRecord, Role, Store, StoreTransaction, UserRecord } from '../../store/port.ts';
import { appendAudit, systemAuditActor, type Acting } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { requireAccountAdmin } from './account-access.ts';
import type { Actor } from './actor.ts';
import { checkKindFitsRole, checkMembership, kindOfRole } from './organisation-kinds.ts';
import { newToken } from './tokens.ts';

/**
 * What it takes to create a user. The organisation is created when no organisation has that name, of
 * kind `orgKind` (default: the kind that fits the role); an existing one must fit the role and jurisdiction.
 */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  org: string;
  orgKind?: OrganisationKind;
  jurisdiction?: Jurisdiction | null;
}

/** Knobs of account commands: the first token's lifetime (config TOKEN_LIFETIME_DAYS) and the clock. */
export interface AccountOptions {
  tokenLifetimeDays?: number;
  now?: Date;
}

const rolesWithJurisdiction: Role[] = ['regulator', 'customs'];

function checkJurisdiction(input: NewUser): Jurisdiction | null {
  const needs = rolesWithJurisdiction.includes(input.role);
  if (needs && !input.jurisdiction) {
    throw new DomainError('validation_failed', `a ${input.role} needs a jurisdiction (IR or RU)`);
  }
  if (!needs && input.jurisdiction) {
    throw new DomainError('validation_failed', `a ${input.role} has no jurisdiction`);
  }
  return input.jurisdiction ?? null;
}

async function organisationFor(tx: StoreTransaction, input: NewUser, jurisdiction: Jurisdiction | null, now: string) {
  const existing = await tx.organisations.findByName(input.org);
  if (existing) {
    checkMembership(input.role, jurisdiction, existing);
    return { org: existing, created: false };
  }
  const org: OrganisationRecord = { id: randomUUID(), name: input.org, kind: input.orgKind ?? kindOfRole[input.role], jurisdiction, createdAt: now };
  await tx.organisations.insert(org);
  return { org, created: true };
}

/**
 * Creates a user (and their organisation when new) with a first API token, in one transaction together
 * with its audit event (acting: the registry itself unless given; through the API, an admin). A role that
 * does not fit the organisation's kind or jurisdiction is refused with role_mismatch (422) and nothing is
 * written. Returns the user and the token in clear: the only time it is ever available.
 */
export async function createUser(
  store: Store, input: NewUser, acting: Acting = { actor: systemAuditActor, requestId: null }, options: AccountOptions = {},
): Promise<{ user: UserRecord; token: string; tokenId: string }> {
  const jurisdiction = checkJurisdiction(input);
  if (input.orgKind !== undefined) checkKindFitsRole(input.role, input.orgKind);
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const { org, created: organisationCreated } = await organisationFor(tx, input, jurisdiction, now.toISOString());
    const user: UserRecord = {
      id: randomUUID(), email: input.email.toLowerCase(), name: input.name, role: input.role,
      orgId: org.id, jurisdiction, createdAt: now.toISOString(), disabledAt: null,
    };
    await tx.users.insert(user);
    const { record, token } = newToken(user.id, { name: 'initial', lifetimeDays: options.tokenLifetimeDays }, now);
    await tx.users.insertToken(record);
    await appendAudit(tx, acting, {
      action: 'user.create',
      subject: `user:${user.id}`,
      summary: { email: user.email, role: user.role, orgId: org.id, organisation: org.name, organisationKind: org.kind, organisationCreated, jurisdiction, tokenId: record.id, expiresAt: record.expiresAt },
      // Accounts are readable by admins, and by regulators of the account's own jurisdiction only.
      scope: jurisdiction ? [jurisdiction] : [],
    }, now);
    return { user, token, tokenId: record.id };
  });
}

/** Creates a user on behalf of an authenticated actor (the API): admins only, then as createUser. */
export async function createUserAs(store: Store, acting: Acting<Actor>, input: NewUser, options: AccountOptions = {}) {
  requireAccountAdmin(acting.actor);
  return createUser(store, input, acting, options);
}

/**
 * Disables a user (admins only; not oneself): from now on none of their tokens authenticates. Audited in
 * the same transaction. A user already disabled is an invalid_state (409) and nothing changes.
 */
export async function disableUser(store: Store, acting: Acting<Actor>, userId: string, now = new Date()): Promise<UserRecord> {
  requireAccountAdmin(acting.actor);
  if (acting.actor.userId === userId) throw new DomainError('invalid_state', 'you cannot disable your own account', { state: 'active' });
  return store.transaction(async (tx) => {
    const user = await tx.users.get(userId);
    if (!user) throw new DomainError('not_found', `no user ${userId}`);
    if (user.disabledAt !== null) throw new DomainError('invalid_state', `user ${user.email} is disabled already`, { state: 'disabled' });
    await tx.users.disable(user.id, now.toISOString());
    await tx.webSessions.deleteOfUser(user.id);
    await appendAudit(tx, acting, {
      action: 'user.disable', subject: `user:${user.id}`, summary: { email: user.email, role: user.role },
      scope: user.jurisdiction ? [user.jurisdiction] : [],
    }, now);
    return { ...user, disabledAt: now.toISOString() };
  });
}
