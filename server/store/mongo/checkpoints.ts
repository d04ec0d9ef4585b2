import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { CheckpointRecord, CheckpointRepository, WitnessKeyRecord, WitnessKeyRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';

/** Witness keys (public halves; `_id` is the kid) and stored checkpoints (`_id` is the tree size). Never edited but for a witness key's retirement. */
const witnessKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, unique: true },
    jurisdiction: { type: String, required: true, enum: ['IR', 'RU'] },
    publicKey: { type: String, required: true },
    createdAt: { type: String, required: true },
    retiredAt: { type: String, default: null },
    seq: { type: Number, required: true, unique: true },
  },
  { versionKey: false, collection: 'log_witnesses' },
);

const checkpointSchema = new Schema(
  {
    _id: { type: Number, required: true, min: 0 },
    rootHash: { type: String, required: true },
    note: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'log_checkpoints' },
);

/** The checkpoint collections' models, bound to the store's connection (spread into createModels). */
export function createCheckpointModels(connection: Connection) {
  return {
    WitnessKey: connection.model('WitnessKey', witnessKeySchema),
    LogCheckpoint: connection.model('LogCheckpoint', checkpointSchema),
  };
}

type CheckpointModels = ReturnType<typeof createCheckpointModels>;
const sessionOptions = (session: ClientSession | null) => (session ? { session } : {});
type WitnessDoc = Omit<WitnessKeyRecord, 'kid'> & { _id: string; seq?: number };
type CheckpointDoc = Omit<CheckpointRecord, 'treeSize'> & { _id: number };

const toWitness = ({ _id, seq: _seq, ...rest }: WitnessDoc): WitnessKeyRecord => ({ kid: _id, ...rest, retiredAt: rest.retiredAt ?? null });
const toCheckpoint = ({ _id, ...rest }: CheckpointDoc): CheckpointRecord => ({ treeSize: _id, ...rest });

/** Witness keys in MongoDB; `seq` orders them (a new key takes max + 1 inside the transaction). */
export function createWitnessKeyRepository({ WitnessKey }: CheckpointModels, session: ClientSession | null): WitnessKeyRepository {
  const options = sessionOptions(session);
  return {
    async list() {
      return (await WitnessKey.find({}, null, options).sort({ seq: 1 }).lean<WitnessDoc[]>()).map(toWitness);
    },
    async active(jurisdiction) {
      const doc = await WitnessKey.findOne({ jurisdiction, retiredAt: null }, null, options).sort({ seq: -1 }).lean<WitnessDoc>();
      return doc ? toWitness(doc) : null;
    },
    async insert(key) {
      const { kid, ...rest } = key;
      const last = await WitnessKey.findOne({}, { seq: 1 }, options).sort({ seq: -1 }).lean<{ seq: number }>();
      await translateDuplicate(`witness key ${kid}`, () => WitnessKey.create([{ _id: kid, ...rest, seq: (last?.seq ?? 0) + 1 }], options));
    },
    async retire(kid, at) {
      await WitnessKey.updateOne({ _id: kid, retiredAt: null }, { $set: { retiredAt: at } }, options);
    },
  };
}

/** Stored checkpoints in MongoDB, one document per tree size. */
export function createCheckpointRepository({ LogCheckpoint }: CheckpointModels, session: ClientSession | null): CheckpointRepository {
  const options = sessionOptions(session);
  return {
    async latest() {
      const doc = await LogCheckpoint.findOne({}, null, options).sort({ _id: -1 }).lean<CheckpointDoc>();
      return doc ? toCheckpoint(doc) : null;
    },
    async get(treeSize) {
      const doc = await LogCheckpoint.findById(treeSize, null, options).lean<CheckpointDoc>();
      return doc ? toCheckpoint(doc) : null;
    },
    async insert(checkpoint) {
      const { treeSize, ...rest } = checkpoint;
      await translateDuplicate(`checkpoint of tree size ${treeSize}`, () => LogCheckpoint.create([{ _id: treeSize, ...rest }], options));
    },
  };
}
