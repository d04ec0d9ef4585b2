import type { ProductInfo, RevisionRecord, StandardRecord } from '../../store/port.ts';
import { prepareStandard, resolveCheckableStandard } from '../standards/lookup.ts';
import type { SubmissionContext } from './submission-context.ts';

/** A product and its spec, as a vendor sends them for a new submission or a new revision. */
export interface RevisionInput {
  product: ProductInfo;
  spec: unknown;
}

/**
 * Checks the spec against the standard version (which must still be checkable) and returns the revision
 * to store, report included. Runs before the transaction: checking is pure and may take a while.
 */
export async function checkedRevision(
  ctx: SubmissionContext, standard: { code: string; version?: string }, input: RevisionInput, meta: { submissionId: string; number: number; userId: string },
): Promise<{ standard: StandardRecord; revision: RevisionRecord }> {
  const record = await resolveCheckableStandard(ctx.store, standard.code, standard.version);
  const report = ctx.engine.check(await prepareStandard(ctx.store, ctx.engine, record), input.spec);
  return {
    standard: record,
    revision: {
      submissionId: meta.submissionId,
      number: meta.number,
      product: input.product,
      spec: input.spec,
      specHash: report.specHash,
      conforms: report.conforms,
      report: { ...report },
      createdBy: meta.userId,
      createdAt: report.checkedAt,
    },
  };
}
