import type { Jurisdiction, StandardRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { forbidden, rule, type Refusal } from './rule.ts';

/**
 * The organisation id the registry itself acts under (the CLI and the start-up import of the shipped
 * standards). Standards with no owner authority (`ownerOrgId: null`) belong to it.
 */
export const registryOrgId = 'system';

/** What ownership is decided on: a stored version (or the code's first version, for a new upload). */
export type OwnedStandard = Pick<StandardRecord, 'code' | 'version' | 'ownerOrgId'>;

/**
 * Every version of a standard code belongs to the authority whose regulator first uploaded the code;
 * the shipped joint IR–RU standards (owner null) belong to the registry and change only through its CLI.
 * Every standard is shared by both jurisdictions (any vendor may be checked against it), so replacing,
 * publishing and withdrawing are for the owning authority alone.
 */
function ownedByActor(actor: Actor, standard: OwnedStandard): true | Refusal {
  const owner = standard.ownerOrgId ?? registryOrgId;
  if (actor.orgId === owner) return true;
  const whose = standard.ownerOrgId === null ? 'the registry (a shipped joint standard; use the registry CLI)' : 'another authority';
  return forbidden(`${standard.code}@${standard.version} belongs to ${whose}; only its regulators may change it`);
}

/** A shared standard version as an approval is decided on: the jurisdictions that must each approve it. */
export type ApprovableStandard = Pick<StandardRecord, 'code' | 'version'> & { jurisdictions: readonly Jurisdiction[] };

/** An approval as its withdrawal is decided on: the authority that gave it. */
export interface GivenApproval { code: string; version: string; orgId: string }

/**
 * A standard shared between IR and RU is approved by regulators of an authority of each of its jurisdictions
 * (any authority of that jurisdiction, not only the owner).
 */
function approverJurisdiction(actor: Actor, standard: ApprovableStandard): true | Refusal {
  if (actor.jurisdiction && standard.jurisdictions.includes(actor.jurisdiction)) return true;
  return forbidden(`${standard.code}@${standard.version} is approved by authorities of ${standard.jurisdictions.join(' and ')}; you act for ${actor.jurisdiction ?? 'no jurisdiction'}`);
}

/** Only the authority that gave an approval may withdraw it. */
function approvalOfActor(actor: Actor, approval: GivenApproval): true | Refusal {
  return actor.orgId === approval.orgId ? true : forbidden(`this approval of ${approval.code}@${approval.version} was given by another authority; only its regulators may withdraw it`);
}

/** Rules for the standards catalog and conformance checks. */
export const standardPolicies = {
  'standard.read': rule('public'),
  /** The management pages (every version with its status, drafts included); changing one needs the actions below. */
  'standard.manage': rule(['regulator', 'admin']),
  'standard.upload': rule<OwnedStandard>(['regulator'], ownedByActor),
  'standard.publish': rule<OwnedStandard>(['regulator'], ownedByActor),
  'standard.withdraw': rule<OwnedStandard>(['regulator'], ownedByActor),
  'standard.approve': rule<ApprovableStandard>(['regulator'], approverJurisdiction),
  'standard.approval.withdraw': rule<GivenApproval>(['regulator'], approvalOfActor),
  /** Impact analysis of a draft: any regulator may run it and see it (both authorities review it before approving). */
  'standard.impact.run': rule(['regulator']),
  'standard.impact.read': rule(['regulator', 'admin']),
  /** The transition period a version gets when it is published: set on the draft by its owner's regulators. */
  'standard.transition.plan': rule<OwnedStandard>(['regulator'], ownedByActor),
  'conformance.check': rule('authenticated'),
};
