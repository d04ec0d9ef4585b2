import type { Jurisdiction, ProductInfo, RevisionRecord, StandardRecord } from '../../store/port.ts';
import { checkableStandard, resolveCheckableStandard } from '../standards/lookup.ts';
import { identityClauses } from './certifiable.ts';
import { assertConsistent, marketMismatches, productMismatches, productOfSpec, storedProductOf } from './product-identity.ts';
import type { SubmissionContext } from './submission-context.ts';

/**
 * A spec as a vendor sends it for a new submission or a new revision. The product block is optional: when
 * given, every field in it must agree with the spec's identification, which is what gets certified.
 */
export interface RevisionInput {
  product?: Partial<ProductInfo>;
  spec: unknown;
}

/**
 * Checks the spec against the standard version (which must still be checkable and able to certify) and
 * returns the revision to store, report included, with the product as the spec identifies it. Refuses
 * (inconsistent_submission, each field named) a product block that differs from the spec, and target
 * jurisdictions that the spec does not declare as markets. Runs before the transaction: checking is pure.
 */
export async function checkedRevision(
  ctx: SubmissionContext, standard: { code: string; version?: string }, input: RevisionInput,
  meta: { submissionId: string; number: number; userId: string; jurisdictions: readonly Jurisdiction[] },
): Promise<{ standard: StandardRecord; revision: RevisionRecord }> {
  const record = await resolveCheckableStandard(ctx.store, standard.code, standard.version);
  identityClauses(record);
  const identity = productOfSpec(input.spec);
  assertConsistent([...productMismatches(input.product, identity), ...marketMismatches(meta.jurisdictions, input.spec)]);
  const report = await ctx.checks.check(checkableStandard(ctx.store, record), input.spec);
  return {
    standard: record,
    revision: {
      submissionId: meta.submissionId,
      number: meta.number,
      product: storedProductOf(identity),
      spec: input.spec,
      specHash: report.specHash,
      conforms: report.conforms,
      report: { ...report },
      createdBy: meta.userId,
      createdAt: report.checkedAt,
    },
  };
}
