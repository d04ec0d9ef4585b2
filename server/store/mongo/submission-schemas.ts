import { Schema } from 'mongoose';

const statuses = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'changes_requested', 'withdrawn'];
const jurisdictions = ['IR', 'RU'];

/**
 * Schemas of the submission collections. Specs, reports and audit summaries are kept as JSON text: their
 * keys come from outside and may hold "$" or "." (unsafe as MongoDB field names).
 */
const trackSchema = new Schema(
  {
    jurisdiction: { type: String, required: true, enum: jurisdictions },
    status: { type: String, required: true, enum: statuses },
    submittedAt: { type: String, default: null },
    reviewerId: { type: String, default: null },
    reviewStartedAt: { type: String, default: null },
    decision: { type: String, default: null },
    decidedBy: { type: String, default: null },
    decidedAt: { type: String, default: null },
    decidedRevision: { type: Number, default: null },
    comment: { type: String, default: null },
  },
  { _id: false },
);

export const submissionSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, unique: true },
    orgId: { type: String, required: true },
    createdBy: { type: String, required: true },
    standardCode: { type: String, required: true },
    standardVersion: { type: String, required: true },
    status: { type: String, required: true, enum: statuses },
    revision: { type: Number, required: true },
    manufacturer: { type: String, required: true },
    model: { type: String, required: true },
    tracks: { type: [trackSchema], default: [] },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'submissions' },
);
submissionSchema.index({ orgId: 1, seq: -1 });
submissionSchema.index({ 'tracks.jurisdiction': 1, seq: -1 });
submissionSchema.index({ 'tracks.jurisdiction': 1, 'tracks.submittedAt': 1 });
submissionSchema.index({ 'tracks.jurisdiction': 1, 'tracks.decidedAt': 1 });

export const revisionSchema = new Schema(
  {
    submissionId: { type: String, required: true },
    number: { type: Number, required: true },
    productJson: { type: String, required: true },
    specJson: { type: String, required: true },
    specHash: { type: String, required: true },
    conforms: { type: Boolean, required: true },
    reportJson: { type: String, required: true },
    /** The clauses the report fails as themselves (mongo/failed-clauses.ts), for the review statistics. */
    failedClauses: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'submission_revisions' },
);
revisionSchema.index({ submissionId: 1, number: 1 }, { unique: true });

export const decisionSchema = new Schema(
  {
    seq: { type: Number, required: true, unique: true },
    submissionId: { type: String, required: true, index: true },
    jurisdiction: { type: String, required: true, enum: jurisdictions },
    revision: { type: Number, required: true },
    decision: { type: String, required: true, enum: ['approve', 'reject', 'request_changes'] },
    comment: { type: String, default: null },
    decidedBy: { type: String, required: true },
    decidedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'submission_decisions' },
);

export const attachmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, unique: true },
    submissionId: { type: String, required: true, index: true },
    revision: { type: Number, required: true },
    kind: { type: String, required: true, enum: ['datasheet', 'test-report', 'photo', 'declaration', 'other'] },
    fileName: { type: String, required: true },
    mediaType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedBy: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'attachments' },
);

export const auditEventSchema = new Schema(
  {
    _id: { type: Number, required: true },
    at: { type: String, required: true },
    actorId: { type: String, required: true },
    orgId: { type: String, required: true },
    action: { type: String, required: true },
    subject: { type: String, required: true, index: true },
    summaryJson: { type: String, required: true },
    requestId: { type: String, default: null },
    // A null scope (every regulator) is kept as scopeAll, since mongoose turns a null array into [].
    scopeAll: { type: Boolean, required: true },
    scope: { type: [String], default: [] },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
  },
  { versionKey: false, collection: 'audit_events' },
);
