import type { ClientSession } from 'mongoose';
import type { RegisterRecord, RegisterRepository, RegisterRow, RegisterSearch } from '../port.ts';
import { incrementCounter } from './certificate-models.ts';
import { sessionOptions, type Models } from './models.ts';

type RegisterDoc = Omit<RegisterRecord, 'number'> & { _id: string; position: number; tokens?: string[] };

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The folded tokens of a text, as the unicode61 tokenizer of the embedded store splits and folds them. */
export function textTokens(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function toRow(doc: RegisterDoc): RegisterRow {
  const { _id, tokens: _tokens, manufacturerKey: _manufacturerKey, modelKey: _modelKey, hsDigits: _hsDigits, ...rest } = doc;
  return { number: _id, ...rest, brand: rest.brand ?? '', variants: rest.variants ?? [], statusReason: rest.statusReason ?? null, statusAt: rest.statusAt ?? null };
}

/**
 * The MongoDB filter of a search. Words are literal: every token of every word must be among the entry's
 * tokens and the last token of the last word may be the start of one (an escaped, anchored regular expression).
 */
function filterOf(search: RegisterSearch): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const tokens = search.words.flatMap((word, i) => {
    const parts = textTokens(word);
    if (i < search.words.length - 1 || parts.length === 0) return parts;
    return [...parts.slice(0, -1), new RegExp(`^${escapeRegex(parts.at(-1)!)}`)];
  });
  if (tokens.length > 0) filter.tokens = { $all: tokens };
  if (search.manufacturerKey !== undefined) filter.manufacturerKey = search.manufacturerKey;
  if (search.modelKey !== undefined) filter.modelKey = search.modelKey;
  if (search.hsDigitsPrefix !== undefined) filter.hsDigits = { $regex: `^${escapeRegex(search.hsDigitsPrefix)}` };
  if (search.standardCode !== undefined) filter.standardCode = search.standardCode;
  if (search.standardVersion !== undefined) filter.standardVersion = search.standardVersion;
  if (search.jurisdiction !== undefined) filter.jurisdiction = search.jurisdiction;
  if (search.statuses !== undefined) filter.status = { $in: search.statuses };
  const validUntil = { ...(search.validUntilAfter !== undefined ? { $gt: search.validUntilAfter } : {}), ...(search.validUntilNotAfter !== undefined ? { $lte: search.validUntilNotAfter } : {}) };
  if (Object.keys(validUntil).length) filter.validUntil = validUntil;
  const issuedAt = { ...(search.issuedFrom !== undefined ? { $gte: search.issuedFrom } : {}), ...(search.issuedBefore !== undefined ? { $lt: search.issuedBefore } : {}) };
  if (Object.keys(issuedAt).length) filter.issuedAt = issuedAt;
  if (search.beforePosition !== undefined) filter.position = { $lt: search.beforePosition };
  return filter;
}

/** The public register in MongoDB (collection certificate_register); positions come from the counter "certificate_register". */
export function createRegisterRepository({ CertificateRegister, Certificate, Counter }: Models, session: ClientSession | null): RegisterRepository {
  const options = sessionOptions(session);
  return {
    async get(number) {
      const doc = await CertificateRegister.findById(number, null, options).lean<RegisterDoc>();
      return doc ? toRow(doc) : null;
    },
    async search(search) {
      const docs = await CertificateRegister.find(filterOf(search), null, options).sort({ position: -1 }).limit(search.limit).lean<RegisterDoc[]>();
      return docs.map(toRow);
    },
    async unregistered(limit) {
      const [certificates, registered] = await Promise.all([Certificate.countDocuments({}, options), CertificateRegister.countDocuments({}, options)]);
      if (certificates === registered) return [];
      const docs = await Certificate.aggregate<{ _id: string }>([
        { $sort: { issuedAt: 1, _id: 1 } },
        { $lookup: { from: 'certificate_register', localField: '_id', foreignField: '_id', as: 'entry' } },
        { $match: { entry: { $size: 0 } } },
        { $limit: limit },
        { $project: { _id: 1 } },
      ]).session(session);
      return docs.map((doc) => doc._id);
    },
    async put(record: RegisterRecord) {
      const { number, ...facts } = record;
      const status = { status: facts.status, statusReason: facts.statusReason, statusAt: facts.statusAt };
      const updated = await CertificateRegister.updateOne({ _id: number }, { $set: status }, options);
      if (updated.matchedCount > 0) return;
      const position = await incrementCounter(Counter, 'certificate_register', session);
      const tokens = [...new Set(textTokens([facts.manufacturer, facts.brand, facts.model, ...facts.variants].join(' ')))];
      await CertificateRegister.create([{ _id: number, position, ...facts, tokens }], options);
    },
  };
}
