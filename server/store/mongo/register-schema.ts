import { Schema } from 'mongoose';

/**
 * The public register: one document per certificate (_id: its number) with the facts its signed credential
 * states, its recorded status, and `position`, its issuance order (from a counter, in the issuing transaction).
 * `tokens` holds the folded words of manufacturer, brand, model and variants, so that every query word is an
 * index lookup and the last one an anchored prefix; the text index serves operators' ad-hoc $text queries.
 */
export const registerEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    position: { type: Number, required: true, unique: true },
    jurisdiction: { type: String, required: true, enum: ['IR', 'RU'] },
    status: { type: String, required: true, enum: ['valid', 'suspended', 'revoked'] },
    statusReason: { type: String, default: null },
    statusAt: { type: String, default: null },
    manufacturer: { type: String, required: true },
    brand: { type: String, default: '' },
    model: { type: String, required: true },
    variants: { type: [String], default: [] },
    hsCode: { type: String, required: true },
    standardCode: { type: String, required: true },
    standardVersion: { type: String, required: true },
    issuedAt: { type: String, required: true },
    validUntil: { type: String, required: true },
    manufacturerKey: { type: String, required: true },
    modelKey: { type: String, required: true },
    hsDigits: { type: String, default: '' },
    tokens: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'certificate_register' },
);
registerEntrySchema.index(
  { manufacturer: 'text', brand: 'text', model: 'text', variants: 'text' },
  { name: 'certificate_register_text', default_language: 'none', language_override: 'textLanguage' },
);
registerEntrySchema.index({ tokens: 1, position: -1 });
registerEntrySchema.index({ jurisdiction: 1, position: -1 });
registerEntrySchema.index({ status: 1, position: -1 });
registerEntrySchema.index({ manufacturerKey: 1, position: -1 });
registerEntrySchema.index({ manufacturerKey: 1, status: 1, position: -1 });
registerEntrySchema.index({ modelKey: 1, position: -1 });
registerEntrySchema.index({ hsDigits: 1, position: -1 });
registerEntrySchema.index({ standardCode: 1, standardVersion: 1, position: -1 });
registerEntrySchema.index({ issuedAt: 1 });
