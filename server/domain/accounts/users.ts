import { randomUUID } from 'node:crypto';
import type { Jurisdiction, Role, Store, UserRecord } from '../../store/port.ts';
import { appendAudit, systemAuditActor, type Acting } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { actorFromUser, type Actor } from './actor.ts';
import { generateToken, hashToken } from './tokens.ts';

/** What it takes to create a user. The organisation is created when no organisation has that name. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  org: string;
  jurisdiction?: Jurisdiction | null;
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

/**
 * Creates a user (and their organisation when new) with a first API token, in one transaction together
 * with its audit event (acting: the registry itself unless given). Returns the user and the token in
 * clear: the only time it is ever available.
 */
export async function createUser(
  store: Store, input: NewUser, acting: Acting = { actor: systemAuditActor, requestId: null },
): Promise<{ user: UserRecord; token: string }> {
  const jurisdiction = checkJurisdiction(input);
  const now = new Date().toISOString();
  const token = generateToken();
  const user = await store.transaction(async (tx) => {
    let org = await tx.organisations.findByName(input.org);
    const organisationCreated = !org;
    if (!org) {
      org = { id: randomUUID(), name: input.org, jurisdiction, createdAt: now };
      await tx.organisations.insert(org);
    } else if (org.jurisdiction !== null && jurisdiction !== null && org.jurisdiction !== jurisdiction) {
      throw new DomainError('conflict', `organisation "${org.name}" belongs to ${org.jurisdiction}, not ${jurisdiction}`);
    }
    const created: UserRecord = {
      id: randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      orgId: org.id,
      jurisdiction,
      createdAt: now,
    };
    await tx.users.insert(created);
    await tx.users.insertToken({ id: randomUUID(), userId: created.id, tokenHash: hashToken(token), createdAt: now, revokedAt: null });
    await appendAudit(tx, acting, {
      action: 'user.create',
      subject: `user:${created.id}`,
      summary: { email: created.email, role: created.role, orgId: org.id, organisation: org.name, organisationCreated, jurisdiction },
      // Accounts are readable by admins, and by regulators of the account's own jurisdiction only.
      scope: jurisdiction ? [jurisdiction] : [],
    });
    return created;
  });
  return { user, token };
}

/** The actor an API token belongs to, or null when the token is unknown or revoked. */
export async function authenticateToken(store: Store, token: string): Promise<Actor | null> {
  const user = await store.users.findByTokenHash(hashToken(token));
  return user ? actorFromUser(user) : null;
}
