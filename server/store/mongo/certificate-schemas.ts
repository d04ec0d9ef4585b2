import { Schema } from 'mongoose';

/**
 * Collections of certificates, their events, the transparency log, signing keys (public halves only),
 * customs documents and the counters that number certificates and log leaves. Counters are single
 * documents incremented with $inc inside the transaction: two concurrent transactions touching the same
 * counter hit a write conflict and `withTransaction` retries one, so numbers stay unique and gapless.
 */
export const counterSchema = new Schema(
  { _id: { type: String, required: true }, value: { type: Number, required: true } },
  { versionKey: false, collection: 'counters' },
);

export const signingKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['credential', 'log'] },
    orgId: { type: String, default: null, index: true },
    jurisdiction: { type: String, enum: ['IR', 'RU', null], default: null },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    retiredAt: { type: String, default: null },
    seq: { type: Number, required: true, unique: true },
  },
  { versionKey: false, collection: 'signing_keys' },
);

export const certificateSchema = new Schema(
  {
    _id: { type: String, required: true },
    jurisdiction: { type: String, required: true, enum: ['IR', 'RU'] },
    year: { type: Number, required: true },
    sequence: { type: Number, required: true },
    issuerOrgId: { type: String, required: true },
    submissionId: { type: String, required: true },
    revision: { type: Number, required: true },
    kid: { type: String, required: true },
    jws: { type: String, required: true },
    credentialHash: { type: String, required: true },
    hsCode: { type: String, required: true },
    model: { type: String, required: true },
    validFrom: { type: String, required: true },
    validUntil: { type: String, required: true },
    issuedAt: { type: String, required: true },
    issuedBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'certificates' },
);
certificateSchema.index({ jurisdiction: 1, year: 1, sequence: 1 }, { unique: true });
certificateSchema.index({ submissionId: 1, revision: 1, jurisdiction: 1 }, { unique: true });

export const certificateEventSchema = new Schema(
  {
    number: { type: String, required: true },
    action: { type: String, required: true, enum: ['issued', 'suspended', 'reinstated', 'revoked'] },
    status: { type: String, required: true, enum: ['valid', 'suspended', 'revoked'] },
    reason: { type: String, default: null },
    actorId: { type: String, required: true },
    at: { type: String, required: true },
    leafIndex: { type: Number, required: true, unique: true },
  },
  { versionKey: false, collection: 'certificate_events' },
);
certificateEventSchema.index({ number: 1, leafIndex: 1 });

export const logLeafSchema = new Schema(
  {
    _id: { type: Number, required: true },
    entry: { type: String, required: true },
    leafHash: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'log_leaves' },
);

/** A complete subtree of the log's Merkle tree (level ≥ 1; level 0 is the leaf): _id is "level:index". Never changes. */
export const logSubtreeSchema = new Schema(
  {
    _id: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false, collection: 'log_subtrees' },
);

export const customsDocumentSchema = new Schema(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, index: true },
    documentNumber: { type: String, default: null, index: { unique: true, partialFilterExpression: { documentNumber: { $type: 'string' } } } },
    importingJurisdiction: { type: String, default: null, enum: ['IR', 'RU', null] },
    attestationJson: { type: String, required: true },
    jws: { type: String, required: true },
    attestationHash: { type: String, required: true },
    issuedAt: { type: String, required: true },
    expiresAt: { type: String, required: true },
    requestedBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'customs_documents' },
);
