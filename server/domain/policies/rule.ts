import type { Role } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';

/** Who may attempt an action at all: anyone, any authenticated user, or users with one of the roles. */
export type Gate = 'public' | 'authenticated' | readonly Role[];

/**
 * Why a subject-level check refused: 'forbidden' when the actor may know the subject exists,
 * 'not_found' when they may not even learn that (so ids cannot be probed).
 */
export interface Refusal {
  code: 'forbidden' | 'not_found';
  reason: string;
}

/**
 * One action's rule: the gate every route checks before anything is read, and, for actions on a
 * particular record, the decision about that record (true, or the refusal).
 */
export interface PolicyRule<S> {
  gate: Gate;
  on?: (actor: Actor, subject: S) => true | Refusal;
}

/** A rule whose subject type is `S` (the helper only fixes the type parameter). */
export function rule<S = never>(gate: Gate, on?: (actor: Actor, subject: S) => true | Refusal): PolicyRule<S> {
  return on ? { gate, on } : { gate };
}

/** A 'forbidden' refusal. */
export const forbidden = (reason: string): Refusal => ({ code: 'forbidden', reason });

/** A 'not_found' refusal: the actor is told nothing more than that there is no such thing. */
export const hidden = (reason: string): Refusal => ({ code: 'not_found', reason });
