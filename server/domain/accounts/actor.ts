import type { Jurisdiction, Role, UserRecord } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

/** Who is acting: the authenticated user as the domain sees them. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  orgId: string;
  jurisdiction: Jurisdiction | null;
}

/** The actor a user record acts as. */
export function actorFromUser(user: UserRecord): Actor {
  return { userId: user.id, email: user.email, role: user.role, orgId: user.orgId, jurisdiction: user.jurisdiction };
}

/** Throws DomainError('forbidden') unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('forbidden', `this action needs the role ${roles.join(' or ')}; you are ${actor.role}`);
  }
}
