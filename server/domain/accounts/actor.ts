import type { Jurisdiction, Role, UserRecord } from '../../store/port.ts';

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

/**
 * The registry operator at the console (the CLI): acts as an admin and is audited as `system`, like every
 * other command run without a user.
 */
export const consoleOperator: Actor = Object.freeze({ userId: 'system', email: 'system', role: 'admin', orgId: 'system', jurisdiction: null });
