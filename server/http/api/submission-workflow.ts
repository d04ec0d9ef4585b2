import { decideSubmission, takeForReview, type DecisionInput } from '../../domain/submissions/regulator-actions.ts';
import type { SubmissionContext } from '../../domain/submissions/submission-context.ts';
import { submitSubmission, withdrawSubmission } from '../../domain/submissions/vendor-actions.ts';
import { actingOf } from '../acting.ts';
import { presentIssuedCertificate, presentSubmissionSummary } from '../presenters/submission.ts';
import type { RouteDef } from './route.ts';

/**
 * The review workflow: vendors submit and withdraw; regulators of a target jurisdiction take a submission
 * into review and decide. A transition the state machine does not allow answers 409 with `state`.
 */
export function submissionWorkflowRoutes(ctx: SubmissionContext): RouteDef[] {
  const tag = 'Submission workflow';
  const success = { status: 200, description: 'The submission in its new state' };
  return [
    {
      method: 'post', path: '/submissions/{id}/submit', tag, policy: 'submission.submit', success,
      summary: 'Submit the newest revision for review (it must conform): draft or changes_requested → submitted',
      handler: async function submitForReview(req, res) {
        res.json(presentSubmissionSummary(await submitSubmission(ctx, actingOf(req, res), String(req.params.id))));
      },
    },
    {
      method: 'post', path: '/submissions/{id}/withdraw', tag, policy: 'submission.withdraw', success,
      summary: 'Withdraw (from draft, submitted or changes_requested; terminal)',
      handler: async function withdrawSubmissionFromReview(req, res) {
        res.json(presentSubmissionSummary(await withdrawSubmission(ctx, actingOf(req, res), String(req.params.id))));
      },
    },
    {
      method: 'post', path: '/submissions/{id}/review', tag, policy: 'submission.review', success,
      summary: "Take a submitted submission into review for your jurisdiction: submitted → under_review",
      handler: async function takeSubmissionForReview(req, res) {
        const acting = actingOf(req, res);
        const submission = await takeForReview(ctx, acting, String(req.params.id));
        res.json(presentSubmissionSummary(submission, submission.tracks.filter((t) => t.jurisdiction === acting.actor.jurisdiction)));
      },
    },
    {
      method: 'post', path: '/submissions/{id}/decision', tag, policy: 'submission.decide', success,
      summary: 'Approve, reject or request changes for your jurisdiction (a comment is required unless approving)',
      body: 'urn:irru:api:decision',
      handler: async function decideOnSubmission(req, res) {
        const acting = actingOf(req, res);
        const submission = await decideSubmission(ctx, acting, String(req.params.id), req.body as DecisionInput);
        const issued = (await ctx.store.certificates.listBySubmission(submission.id)).filter((c) => c.jurisdiction === acting.actor.jurisdiction);
        res.json({
          ...presentSubmissionSummary(submission, submission.tracks.filter((t) => t.jurisdiction === acting.actor.jurisdiction)),
          certificates: issued.map(presentIssuedCertificate),
        });
      },
    },
  ];
}
