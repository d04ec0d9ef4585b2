import { Schema } from 'mongoose';

/**
 * One mongoose schema per collection (schemas, not models: the store binds them to its own connection).
 * JSON Schemas and specs are kept as JSON text because their keys ($id, $ref, dotted names) are not
 * safe as MongoDB field names.
 */
export const organisationSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, unique: true },
    kind: { type: String, required: true, enum: ['authority', 'vendor', 'customs', 'operator'] },
    jurisdiction: { type: String, enum: ['IR', 'RU', null], default: null },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'organisations' },
);

export const userSchema = new Schema(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true, lowercase: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ['admin', 'regulator', 'vendor', 'customs'] },
    orgId: { type: String, required: true, index: true },
    jurisdiction: { type: String, enum: ['IR', 'RU', null], default: null },
    createdAt: { type: String, required: true },
    disabledAt: { type: String, default: null },
    // Never read with the user: only passwordHashOf selects it.
    passwordHash: { type: String, default: null, select: false },
    passwordChangedAt: { type: String, default: null },
  },
  { versionKey: false, collection: 'users' },
);

export const apiTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    tokenHash: { type: String, required: true, unique: true },
    name: { type: String, default: null },
    createdAt: { type: String, required: true },
    expiresAt: { type: String, required: true },
    revokedAt: { type: String, default: null },
  },
  { versionKey: false, collection: 'api_tokens' },
);

export const standardSchema = new Schema(
  {
    code: { type: String, required: true },
    version: { type: String, required: true },
    category: { type: String, required: true },
    title: { type: Schema.Types.Mixed, required: true },
    schemaJson: { type: String, required: true },
    schemaId: { type: String, default: null },
    contentHash: { type: String, required: true },
    status: { type: String, required: true, enum: ['draft', 'published', 'superseded', 'withdrawn'] },
    // The owning authority's organisation id; null for standards the registry itself published.
    ownerOrgId: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
    publishedAt: { type: String, default: null },
    retiredAt: { type: String, default: null },
    seq: { type: Number, required: true },
  },
  { versionKey: false, collection: 'standards' },
);
standardSchema.index({ code: 1, version: 1 }, { unique: true });
standardSchema.index({ schemaId: 1 }, { unique: true, partialFilterExpression: { schemaId: { $type: 'string' } } });

export const webSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    csrfSecret: { type: String, required: true },
    createdAt: { type: String, required: true },
    lastSeenAt: { type: String, required: true },
    expiresAt: { type: String, required: true, index: true },
  },
  { versionKey: false, collection: 'web_sessions' },
);

export const signInFailureSchema = new Schema(
  {
    throttleKey: { type: String, required: true },
    at: { type: String, required: true },
  },
  { versionKey: false, collection: 'sign_in_failures' },
);
signInFailureSchema.index({ throttleKey: 1, at: 1 });
