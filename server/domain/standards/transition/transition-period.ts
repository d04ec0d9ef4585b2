import type { StandardRecord, Store, StoreTransaction, TransitionRecord } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { appendAudit } from '../../audit/append.ts';
import { DomainError } from '../../errors.ts';
import { authorize } from '../../policies/index.ts';

/** The transition period a version gets when none was planned and the configuration names none (TRANSITION_DAYS). */
export const defaultTransitionDays = 180;
/** The longest transition period (ten years, the longest a certificate is valid). */
export const maxTransitionDays = 3650;

const dayMs = 86_400_000;

/**
 * Records, in the publishing transaction, the transition period of the version being published: the days
 * planned on its draft or else `defaultDays`, its end, the versions it supersedes (certificates issued under
 * them keep their validity; the register shows whether each would still conform), and the impact run of exactly
 * the published content, whose per-certificate outcomes the register shows from now on.
 */
export async function recordTransition(tx: StoreTransaction, record: StandardRecord, publishedAt: string, defaultDays = defaultTransitionDays): Promise<TransitionRecord> {
  const planned = await tx.transitions.get(record.code, record.version);
  const days = planned?.plannedDays ?? defaultDays;
  const run = await tx.impact.latestRun(record.code, record.version);
  const supersedes = (await tx.standards.listVersions(record.code))
    .filter((other) => other.status === 'superseded' && other.retiredAt === publishedAt)
    .map((other) => other.version);
  const transition = {
    code: record.code, version: record.version, days, publishedAt,
    endsAt: new Date(Date.parse(publishedAt) + days * dayMs).toISOString(),
    impactRunId: run && run.contentHash === record.contentHash ? run.id : null,
    supersedes,
  };
  await tx.transitions.record(transition);
  return { plannedDays: planned?.plannedDays ?? null, plannedBy: planned?.plannedBy ?? null, plannedAt: planned?.plannedAt ?? null, ...transition };
}

/**
 * Sets the transition period a draft will get when it is published (0 to 3,650 days), replacing an earlier
 * plan; only the regulators who may publish the draft may. Audited.
 */
export async function planTransition(store: Store, actor: Actor, code: string, version: string, days: number, requestId: string | null = null): Promise<TransitionRecord> {
  authorize(actor, 'standard.transition.plan');
  if (!Number.isInteger(days) || days < 0 || days > maxTransitionDays) {
    throw new DomainError('validation_failed', `days: must be a whole number from 0 to ${maxTransitionDays}`, {
      errors: [{ path: '/days', message: `must be a whole number from 0 to ${maxTransitionDays}`, keyword: 'maximum', params: {} }],
    });
  }
  return store.transaction(async (tx) => {
    const record = await tx.standards.get(code, version);
    if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
    authorize(actor, 'standard.transition.plan', record);
    if (record.status !== 'draft') throw new DomainError('invalid_state', `${code}@${version} is ${record.status}; a transition period is set before publication`, { state: record.status });
    const at = new Date().toISOString();
    await tx.transitions.plan(code, version, days, actor.userId, at);
    await appendAudit(tx, { actor, requestId }, { action: 'standard.transition.plan', subject: `standard:${code}@${version}`, summary: { days } });
    return (await tx.transitions.get(code, version))!;
  });
}

/** A version's transition as pages and the API show it: planned or recorded days, and the end once published. */
export async function transitionOf(store: Store, code: string, version: string, defaultDays = defaultTransitionDays) {
  const stored = await store.transitions.get(code, version);
  return {
    days: stored?.days ?? stored?.plannedDays ?? defaultDays,
    planned: stored?.plannedDays ?? null,
    publishedAt: stored?.publishedAt ?? null,
    endsAt: stored?.endsAt ?? null,
    supersedes: stored?.supersedes ?? [],
    impactRunId: stored?.impactRunId ?? null,
  };
}
