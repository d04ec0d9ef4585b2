import type { Jurisdiction, OrganisationKind, OrganisationRecord, Role } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

/**
 * Which kind of organisation each role belongs to. It is one-to-one: an authority's users are regulators,
 * a vendor's are vendors, a customs service's are customs officers, the registry operator's are admins.
 */
export const kindOfRole: Readonly<Record<Role, OrganisationKind>> = Object.freeze({
  admin: 'operator',
  regulator: 'authority',
  vendor: 'vendor',
  customs: 'customs',
});

/** Kinds that belong to one jurisdiction (IR or RU); the others have none. */
export const jurisdictionalKinds: readonly OrganisationKind[] = Object.freeze(['authority', 'customs']);

/** A 422 role_mismatch problem naming the field (`path`, a JSON pointer into the input) and the rule. */
export function roleMismatch(path: string, message: string, params: Record<string, unknown>): DomainError {
  return new DomainError('role_mismatch', `${path} ${message}`, { errors: [{ path, message, keyword: 'role_mismatch', params }] });
}

/** Throws role_mismatch (on /orgKind) unless a user of `role` may belong to an organisation of `kind`. */
export function checkKindFitsRole(role: Role, kind: OrganisationKind): void {
  if (kindOfRole[role] !== kind) {
    throw roleMismatch('/orgKind', `a ${role} belongs to an organisation of kind ${kindOfRole[role]}, not ${kind}`, { role, kind, expected: kindOfRole[role] });
  }
}

/**
 * Throws role_mismatch unless a user of `role` in `jurisdiction` may join the existing organisation:
 * its kind must fit the role (/org) and its jurisdiction must be the user's (/jurisdiction).
 */
export function checkMembership(role: Role, jurisdiction: Jurisdiction | null, org: OrganisationRecord): void {
  if (org.kind !== kindOfRole[role]) {
    throw roleMismatch('/org', `"${org.name}" is an organisation of kind ${org.kind}; a ${role} belongs to one of kind ${kindOfRole[role]}`,
      { role, kind: org.kind, expected: kindOfRole[role] });
  }
  if (org.jurisdiction !== jurisdiction) {
    throw roleMismatch('/jurisdiction', `"${org.name}" belongs to ${org.jurisdiction ?? 'no jurisdiction'}, not ${jurisdiction ?? 'none'}`,
      { jurisdiction, organisationJurisdiction: org.jurisdiction });
  }
}
