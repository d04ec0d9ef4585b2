import type { OrganisationRecord, Store, UserListQuery, UserRecord } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policies/index.ts';
import type { Actor } from './actor.ts';

/** The most users one page of the admins' list shows. */
export const userPageSize = 50;

/** A user with their organisation, as an admin sees them. */
export interface UserEntry {
  user: UserRecord;
  organisation: OrganisationRecord | null;
}

/** One page of the user list and where the next one starts (null on the last page). */
export interface UserPage {
  entries: UserEntry[];
  nextAfter: string | null;
}

async function withOrganisations(store: Store, users: UserRecord[]): Promise<UserEntry[]> {
  const organisations = new Map<string, Promise<OrganisationRecord | null>>();
  return Promise.all(users.map(async (user) => {
    if (!organisations.has(user.orgId)) organisations.set(user.orgId, store.organisations.get(user.orgId));
    return { user, organisation: await organisations.get(user.orgId)! };
  }));
}

/** One page of users (admins only), filtered by role and a piece of the e-mail address, in e-mail order. */
export async function listUsers(store: Store, actor: Actor, query: Omit<UserListQuery, 'limit'>): Promise<UserPage> {
  authorize(actor, 'user.list');
  const users = await store.users.list({ ...query, limit: userPageSize + 1 });
  const page = users.slice(0, userPageSize);
  return { entries: await withOrganisations(store, page), nextAfter: users.length > userPageSize ? page.at(-1)!.email : null };
}

/** One user with their organisation (admins only); not_found for an unknown id. */
export async function userEntry(store: Store, actor: Actor, userId: string): Promise<UserEntry> {
  authorize(actor, 'user.list');
  const user = await store.users.get(userId);
  if (!user) throw new DomainError('not_found', `no user ${userId}`);
  return { user, organisation: await store.organisations.get(user.orgId) };
}
