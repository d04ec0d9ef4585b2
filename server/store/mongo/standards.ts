import type { ClientSession } from 'mongoose';
import { DomainError } from '../../domain/errors.ts';
import type { StandardRecord, StandardRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type StandardDoc = Omit<StandardRecord, 'schema'> & { schemaJson: string; seq: number };

function toRecord(doc: StandardDoc | null): StandardRecord | null {
  if (!doc) return null;
  return {
    code: doc.code, version: doc.version, category: doc.category, title: doc.title, schema: JSON.parse(doc.schemaJson),
    schemaId: doc.schemaId ?? null, contentHash: doc.contentHash, status: doc.status, ownerOrgId: doc.ownerOrgId ?? null, createdBy: doc.createdBy,
    createdAt: doc.createdAt, publishedAt: doc.publishedAt ?? null, retiredAt: doc.retiredAt ?? null,
  };
}

function toDoc(standard: StandardRecord) {
  const { schema, ...rest } = standard;
  return { ...rest, schemaJson: JSON.stringify(schema) };
}

/** Standard documents and their lifecycle in MongoDB. */
export function createStandardRepository({ Standard }: Models, session: ClientSession | null): StandardRepository {
  const options = sessionOptions(session);
  const many = async (filter: Record<string, unknown>) =>
    (await Standard.find(filter, null, options).sort({ code: 1, seq: 1 }).lean<StandardDoc[]>()).map((doc) => toRecord(doc)!);
  return {
    async get(code, version) {
      return toRecord(await Standard.findOne({ code, version }, null, options).lean<StandardDoc>());
    },
    listVersions: (code) => many({ code }),
    list: () => many({}),
    async findBySchemaId(schemaId) {
      return toRecord(await Standard.findOne({ schemaId }, null, options).lean<StandardDoc>());
    },
    async insert(standard) {
      const last = await Standard.findOne({}, { seq: 1 }, options).sort({ seq: -1 }).lean<{ seq: number }>();
      await translateDuplicate(`standard ${standard.code}@${standard.version} or its $id`, () =>
        Standard.create([{ ...toDoc(standard), seq: (last?.seq ?? 0) + 1 }], options));
    },
    async replaceDraft(standard) {
      const { code, version, category, title, schemaJson, schemaId, contentHash } = toDoc(standard);
      const result = await translateDuplicate('a standard with this $id', () =>
        Standard.updateOne({ code, version, status: 'draft' }, { $set: { category, title, schemaJson, schemaId, contentHash } }, options));
      if (result.matchedCount !== 1) throw new DomainError('invalid_state', `${code}@${version} is not a draft`);
    },
    async setStatus(code, version, change) {
      await Standard.updateOne({ code, version }, { $set: { status: change.status, ...(change.publishedAt ? { publishedAt: change.publishedAt } : {}), ...(change.retiredAt ? { retiredAt: change.retiredAt } : {}) } }, options);
    },
  };
}
