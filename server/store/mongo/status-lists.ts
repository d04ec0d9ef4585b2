import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { StatusEntryRecord, StatusListRecord, StatusListRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';

/** Status list entries (`_id` the certificate number; an authority's index unique) and lists (one per authority, purpose and page). */
const statusEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    statusIndex: { type: Number, required: true, min: 0 },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'status_entries' },
);
statusEntrySchema.index({ orgId: 1, statusIndex: 1 }, { unique: true });

const statusListSchema = new Schema(
  {
    orgId: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['revocation', 'suspension'] },
    page: { type: Number, required: true, min: 0 },
    bits: { type: Buffer, required: true },
    jws: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'status_lists' },
);
statusListSchema.index({ orgId: 1, purpose: 1, page: 1 }, { unique: true });

/** The status list collections' models, bound to the store's connection (spread into createModels). */
export function createStatusListModels(connection: Connection) {
  return {
    StatusEntry: connection.model('StatusEntry', statusEntrySchema),
    StatusList: connection.model('StatusList', statusListSchema),
  };
}

type StatusListModels = ReturnType<typeof createStatusListModels>;
type EntryDoc = Omit<StatusEntryRecord, 'number'> & { _id: string };
type ListDoc = Omit<StatusListRecord, 'bits'> & { bits: Uint8Array | { value(): Uint8Array } };

const toEntry = ({ _id, ...rest }: EntryDoc): StatusEntryRecord => ({ number: _id, ...rest });
// A lean read gives a BSON Binary (its bytes are `value()`) or a Buffer, depending on the driver's promotion settings.
const bitsOf = (bits: ListDoc['bits']): Uint8Array => new Uint8Array(bits instanceof Uint8Array ? bits : bits.value());
const toList = (doc: ListDoc): StatusListRecord => ({
  orgId: doc.orgId, purpose: doc.purpose, page: doc.page, bits: bitsOf(doc.bits), jws: doc.jws, updatedAt: doc.updatedAt,
});

/** Status list entries and lists in MongoDB; a list document is replaced in place by a status change. */
export function createStatusListRepository({ StatusEntry, StatusList }: StatusListModels, session: ClientSession | null): StatusListRepository {
  const options = session ? { session } : {};
  return {
    async entry(number) {
      const doc = await StatusEntry.findById(number, null, options).lean<EntryDoc>();
      return doc ? toEntry(doc) : null;
    },
    async entryCount(orgId) {
      return StatusEntry.countDocuments({ orgId }, options);
    },
    async indexTaken(orgId, statusIndex) {
      return (await StatusEntry.exists({ orgId, statusIndex }).session(session)) !== null;
    },
    async highestIndex(orgId) {
      const doc = await StatusEntry.findOne({ orgId }, { statusIndex: 1 }, options).sort({ statusIndex: -1 }).lean<{ statusIndex: number }>();
      return doc ? doc.statusIndex : null;
    },
    async list(orgId, purpose, page) {
      const doc = await StatusList.findOne({ orgId, purpose, page }, null, options).lean<ListDoc>();
      return doc ? toList(doc) : null;
    },
    async insertEntry(record) {
      const { number, ...rest } = record;
      await translateDuplicate(`a status list entry for ${number} (or index ${record.statusIndex} of its authority)`, () => StatusEntry.create([{ _id: number, ...rest }], options));
    },
    async saveList(record) {
      const { orgId, purpose, page } = record;
      await StatusList.updateOne({ orgId, purpose, page }, { $set: { bits: Buffer.from(record.bits), jws: record.jws, updatedAt: record.updatedAt } }, { upsert: true, ...options });
    },
  };
}
