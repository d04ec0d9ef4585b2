/**
 * Who may do what: one rule per action, grouped by resource (in the style of Outline's policies/).
 * Routes check the gate of their action before anything is read (`can(actor, action)`); domain
 * commands check the record they act on (`authorize(actor, action, record)`). Nothing else decides.
 */
import type { Role } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { accountPolicies } from './accounts.ts';
import { auditPolicies } from './audit.ts';
import { certificatePolicies } from './certificates.ts';
import { customsDocumentPolicies } from './customs-documents.ts';
import type { Gate, PolicyRule, Refusal } from './rule.ts';
import { standardPolicies } from './standards.ts';
import { submissionPolicies } from './submissions.ts';

const policies = {
  ...standardPolicies, ...submissionPolicies, ...certificatePolicies, ...customsDocumentPolicies, ...auditPolicies, ...accountPolicies,
};

type Policies = typeof policies;

/** Every action the registry authorizes, e.g. 'standard.withdraw', 'submission.decide', 'audit.read'. */
export type Action = keyof Policies;

/** The record an action is decided on (never for gate-only actions). */
export type SubjectOf<A extends Action> = Policies[A] extends PolicyRule<infer S> ? S : never;

/** Every action, for tests that iterate routes × roles. */
export const actions = Object.freeze(Object.keys(policies) as Action[]);

/** Every role, in a fixed order. */
export const roles: readonly Role[] = Object.freeze(['admin', 'regulator', 'vendor', 'customs']);

/** Who may attempt the action at all (before any record is looked at). */
export function gateOf(action: Action): Gate {
  return policies[action].gate;
}

/** True when anyone, signed in or not, may call the action. */
export function isPublicAction(action: Action): boolean {
  return gateOf(action) === 'public';
}

/**
 * What the gate of `action` answers to an actor with `role` (null: no credentials): 'pass', or the
 * error code a route refuses with. A route × role test compares responses with this.
 */
export function gateOutcome(action: Action, role: Role | null): 'pass' | 'unauthenticated' | 'forbidden' {
  const gate = gateOf(action);
  if (gate === 'public') return 'pass';
  if (role === null) return 'unauthenticated';
  return gate === 'authenticated' || gate.includes(role) ? 'pass' : 'forbidden';
}

type Verdict = true | Refusal | { code: 'unauthenticated'; reason: string };

function decide<A extends Action>(actor: Actor | null, action: A, subject: SubjectOf<A> | undefined): Verdict {
  const outcome = gateOutcome(action, actor?.role ?? null);
  if (outcome === 'unauthenticated') return { code: 'unauthenticated', reason: 'this needs an API token (Authorization: Bearer <token>)' };
  if (outcome === 'forbidden') {
    const gate = gateOf(action) as readonly Role[];
    return { code: 'forbidden', reason: `${action} needs the role ${gate.join(' or ')}; you are ${actor!.role}` };
  }
  const on = (policies[action] as PolicyRule<SubjectOf<A>>).on;
  if (subject === undefined || !on || !actor) return true;
  return on(actor, subject);
}

/** True when the actor may do the action (on the subject, when one is given; without one: the gate only). */
export function can<A extends Action>(actor: Actor | null, action: A, subject?: SubjectOf<A>): boolean {
  return decide(actor, action, subject) === true;
}

/**
 * Throws unless the actor may do the action: DomainError 'unauthenticated' without an actor,
 * 'forbidden' for a role or record the actor may know of but not act on, 'not_found' for a record
 * the actor may not even learn exists.
 */
export function authorize<A extends Action>(actor: Actor | null, action: A, subject?: SubjectOf<A>): void {
  const verdict = decide(actor, action, subject);
  if (verdict !== true) throw new DomainError(verdict.code, verdict.reason);
}

export type { Gate } from './rule.ts';
export { registryOrgId } from './standards.ts';
export { submissionListScope, visibleSubmissionParts, canSeeSubmission, reviewQueueScope, statisticsScope, choosesStatisticsJurisdiction } from './submissions.ts';
export { auditListScope, submissionEventScope, submissionIdOfSubject } from './audit.ts';
