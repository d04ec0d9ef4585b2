import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { StandardApprovalRecord, StandardApprovalRepository, StandardSharingRecord } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';

/** Shared standard codes (`_id` the code) and approvals (`_id` the approval id; one standing approval per jurisdiction and version). */
const sharingSchema = new Schema(
  {
    _id: { type: String, required: true },
    jurisdictions: { type: [String], required: true },
    markedBy: { type: String, required: true },
    markedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'standard_sharing' },
);

const approvalSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: String, required: true },
    contentHash: { type: String, required: true },
    jurisdiction: { type: String, required: true, enum: ['IR', 'RU'] },
    orgId: { type: String, required: true },
    userId: { type: String, required: true },
    approvedAt: { type: String, required: true },
    jws: { type: String, required: true },
    approvalHash: { type: String, required: true },
    withdrawnAt: { type: String, default: null },
    withdrawnBy: { type: String, default: null },
    withdrawnReason: { type: String, default: null, enum: ['withdrawn', 'replaced', null] },
    seq: { type: Number, required: true },
  },
  { versionKey: false, collection: 'standard_approvals' },
);
approvalSchema.index({ code: 1, version: 1, jurisdiction: 1 }, { unique: true, partialFilterExpression: { withdrawnAt: null } });
approvalSchema.index({ code: 1, version: 1, seq: 1 });

/** The joint publication models, bound to the store's connection (spread into createModels). */
export function createStandardApprovalModels(connection: Connection) {
  return {
    StandardSharing: connection.model('StandardSharing', sharingSchema),
    StandardApproval: connection.model('StandardApproval', approvalSchema),
  };
}

type ApprovalModels = ReturnType<typeof createStandardApprovalModels>;
type SharingDoc = Omit<StandardSharingRecord, 'code'> & { _id: string };
type ApprovalDoc = Omit<StandardApprovalRecord, 'id'> & { _id: string; seq: number };

const toSharing = ({ _id, jurisdictions, markedBy, markedAt }: SharingDoc): StandardSharingRecord => ({ code: _id, jurisdictions: [...jurisdictions], markedBy, markedAt });
const toApproval = ({ _id, seq: _seq, ...rest }: ApprovalDoc): StandardApprovalRecord => ({
  id: _id, ...rest, withdrawnAt: rest.withdrawnAt ?? null, withdrawnBy: rest.withdrawnBy ?? null, withdrawnReason: rest.withdrawnReason ?? null,
});

/** Shared standard codes and approvals of their drafts in MongoDB. */
export function createStandardApprovalRepository({ StandardSharing, StandardApproval }: ApprovalModels, session: ClientSession | null): StandardApprovalRepository {
  const options = session ? { session } : {};
  return {
    async sharingOf(code) {
      const doc = await StandardSharing.findById(code, null, options).lean<SharingDoc>();
      return doc ? toSharing(doc) : null;
    },
    async listForVersion(code, version) {
      return (await StandardApproval.find({ code, version }, null, options).sort({ seq: 1 }).lean<ApprovalDoc[]>()).map(toApproval);
    },
    async markShared({ code, ...rest }) {
      await translateDuplicate(`the sharing of ${code}`, () => StandardSharing.create([{ _id: code, ...rest }], options));
    },
    async insert({ id, ...rest }) {
      const last = await StandardApproval.findOne({}, { seq: 1 }, options).sort({ seq: -1 }).lean<{ seq: number }>();
      await translateDuplicate(`a standing ${rest.jurisdiction} approval of ${rest.code}@${rest.version}`, () =>
        StandardApproval.create([{ _id: id, ...rest, seq: (last?.seq ?? 0) + 1 }], options));
    },
    async withdraw(id, change) {
      await StandardApproval.updateOne({ _id: id, withdrawnAt: null }, { $set: { withdrawnAt: change.at, withdrawnBy: change.by, withdrawnReason: change.reason } }, options);
    },
  };
}
