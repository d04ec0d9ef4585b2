/** Vendor submissions: revisions with conformance reports, the review state machine, and its approval hook. */
export type { ApprovalEvent, OnApproved, SubmissionHooks } from './approval-hook.ts';
export { loadSubmissionFor, type SubmissionAction } from './access.ts';
export { createSubmission, type NewSubmission, type SubmissionWithRevision } from './create.ts';
export { reviseSubmission, type ExpectedRevision } from './revise.ts';
export { submitSubmission, withdrawSubmission } from './vendor-actions.ts';
export { decideSubmission, takeForReview, type DecisionInput } from './regulator-actions.ts';
export { getRevision, getSubmission, listSubmissions, type SubmissionFilters, type SubmissionView } from './queries.ts';
export { submissionSubject, type ActingUser, type SubmissionContext } from './submission-context.ts';
export { overallStatus, submissionStates } from './workflow.ts';
