import { Schema, type ClientSession, type Connection } from 'mongoose';
import type {
  CertifiedSpec, ImpactOutcome, ImpactOutcomeRecord, ImpactRepository, ImpactRunRecord, OutlookFacts, TransitionRecord, TransitionRepository,
} from '../port.ts';
import type { Models } from './models.ts';

/** Impact runs (`_id` the run id), their outcomes (one per run and certificate) and transition periods (`_id` code@version). */
const impactRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: String, required: true },
    contentHash: { type: String, required: true },
    ranBy: { type: String, required: true },
    startedAt: { type: String, required: true },
    finishedAt: { type: String, default: null },
    totals: { type: Schema.Types.Mixed, required: true },
    clauseCounts: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: 'standard_impact_runs', minimize: false },
);
impactRunSchema.index({ code: 1, version: 1, finishedAt: -1 });

const impactOutcomeSchema = new Schema(
  {
    runId: { type: String, required: true },
    number: { type: String, required: true },
    issuedUnder: { type: String, required: true },
    outcome: { type: String, required: true, enum: ['conforms', 'fails', 'unchecked'] },
    failingClauses: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'standard_impact_outcomes' },
);
impactOutcomeSchema.index({ runId: 1, number: 1 }, { unique: true });
impactOutcomeSchema.index({ runId: 1, outcome: 1, number: 1 });

const transitionSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: String, required: true },
    plannedDays: { type: Number, default: null },
    plannedBy: { type: String, default: null },
    plannedAt: { type: String, default: null },
    days: { type: Number, default: null },
    publishedAt: { type: String, default: null },
    endsAt: { type: String, default: null },
    impactRunId: { type: String, default: null },
    supersedes: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'standard_transitions' },
);

/** The impact collections' models, bound to the store's connection (spread into createModels). */
export function createImpactModels(connection: Connection) {
  return {
    ImpactRun: connection.model('ImpactRun', impactRunSchema),
    ImpactOutcome: connection.model('ImpactOutcome', impactOutcomeSchema),
    Transition: connection.model('Transition', transitionSchema),
  };
}

type RunDoc = Omit<ImpactRunRecord, 'id'> & { _id: string };
type OutcomeDoc = ImpactOutcomeRecord;
type TransitionDoc = TransitionRecord & { _id: string };

const toRun = ({ _id, ...rest }: RunDoc): ImpactRunRecord => ({ id: _id, ...rest });
const certifiedFilter = (code: string, now: string) => ({ standardCode: code, status: { $in: ['valid', 'suspended'] as Array<'valid' | 'suspended'> }, validUntil: { $gt: now } });

/** Impact runs in MongoDB: certified specs are read through the register (by position), its certificate and approved revision. */
export function createImpactRepository({ ImpactRun, ImpactOutcome, CertificateRegister, Certificate, SubmissionRevision, Standard, Transition }: Models, session: ClientSession | null): ImpactRepository {
  const options = session ? { session } : {};
  return {
    async countCertified(code, now) {
      return CertificateRegister.countDocuments(certifiedFilter(code, now), options);
    },
    async certifiedSpecs(code, now, afterPosition, limit) {
      const rows = await CertificateRegister.find({ ...certifiedFilter(code, now), position: { $gt: afterPosition } }, { position: 1, standardVersion: 1 }, options)
        .sort({ position: 1 }).limit(limit).lean<Array<{ _id: string; position: number; standardVersion: string }>>();
      const certificates = await Certificate.find({ _id: { $in: rows.map((row) => row._id) } }, { submissionId: 1, revision: 1 }, options)
        .lean<Array<{ _id: string; submissionId: string; revision: number }>>();
      const revisions = await SubmissionRevision.find({ $or: certificates.map((c) => ({ submissionId: c.submissionId, number: c.revision })) }, { submissionId: 1, number: 1, specJson: 1 }, options)
        .lean<Array<{ submissionId: string; number: number; specJson: string }>>();
      const specOf = new Map(revisions.map((revision) => [`${revision.submissionId}#${revision.number}`, revision.specJson]));
      const byNumber = new Map(certificates.map((c) => [c._id, specOf.get(`${c.submissionId}#${c.revision}`)]));
      return rows.flatMap((row): CertifiedSpec[] => {
        const spec = byNumber.get(row._id);
        return spec === undefined ? [] : [{ position: row.position, number: row._id, issuedUnder: row.standardVersion, spec: JSON.parse(spec) as unknown }];
      });
    },
    async latestRun(code, version) {
      const doc = await ImpactRun.findOne({ code, version, finishedAt: { $ne: null } }, null, options).sort({ finishedAt: -1 }).lean<RunDoc>();
      return doc ? toRun(doc) : null;
    },
    async outcomes(runId, outcome, afterNumber, limit) {
      const docs = await ImpactOutcome.find({ runId, outcome, number: { $gt: afterNumber ?? '' } }, { _id: 0 }, options).sort({ number: 1 }).limit(limit).lean<OutcomeDoc[]>();
      return docs.map((doc) => ({ runId: doc.runId, number: doc.number, issuedUnder: doc.issuedUnder, outcome: doc.outcome, failingClauses: doc.failingClauses ?? [] }));
    },
    async outlooks(numbers) {
      const rows = await CertificateRegister.find({ _id: { $in: [...numbers] } }, { standardCode: 1, standardVersion: 1 }, options)
        .lean<Array<{ _id: string; standardCode: string; standardVersion: string }>>();
      const codes = [...new Set(rows.map((row) => row.standardCode))];
      const published = await Standard.find({ code: { $in: codes }, status: 'published' }, { code: 1, version: 1 }, options).lean<Array<{ code: string; version: string }>>();
      const newest = new Map(published.map((doc) => [doc.code, doc.version]));
      const transitions = await Transition.find({ _id: { $in: published.map((doc) => `${doc.code}@${doc.version}`) } }, null, options).lean<TransitionDoc[]>();
      const transitionOf = new Map(transitions.map((doc) => [doc.code, doc]));
      const runIds = transitions.map((doc) => doc.impactRunId).filter((id): id is string => id !== null);
      const outcomes = await ImpactOutcome.find({ runId: { $in: runIds }, number: { $in: [...numbers] } }, null, options).lean<OutcomeDoc[]>();
      const outcomeOf = new Map(outcomes.map((doc) => [`${doc.runId}#${doc.number}`, doc]));
      return rows.map((row): OutlookFacts => {
        const transition = transitionOf.get(row.standardCode);
        const outcome = transition?.impactRunId ? outcomeOf.get(`${transition.impactRunId}#${row._id}`) : undefined;
        return {
          number: row._id, issuedUnder: row.standardVersion, newestVersion: newest.get(row.standardCode) ?? null, transitionEndsAt: transition?.endsAt ?? null,
          outcome: (outcome?.outcome as ImpactOutcome | undefined) ?? null, failingClauses: outcome?.failingClauses ?? [],
        };
      });
    },
    async startRun(run) {
      const { id, ...rest } = run;
      await ImpactRun.create([{ _id: id, ...rest, finishedAt: null, totals: { checked: 0, conforming: 0, failing: 0, unchecked: 0 }, clauseCounts: {} }], options);
    },
    async addOutcomes(records) {
      if (records.length > 0) await ImpactOutcome.insertMany(records.map((record) => ({ ...record })), options);
    },
    async finishRun(id, finishedAt, totals, clauseCounts) {
      const run = await ImpactRun.findOneAndUpdate({ _id: id }, { $set: { finishedAt, totals, clauseCounts } }, { ...options, new: true }).lean<RunDoc>();
      if (!run) return;
      const kept = (await Transition.find({ impactRunId: { $ne: null } }, { impactRunId: 1 }, options).lean<Array<{ impactRunId: string }>>()).map((doc) => doc.impactRunId);
      const others = (await ImpactRun.find({ code: run.code, version: run.version, _id: { $nin: [id, ...kept] } }, { _id: 1 }, options).lean<Array<{ _id: string }>>()).map((doc) => doc._id);
      if (others.length === 0) return;
      await ImpactOutcome.deleteMany({ runId: { $in: others } }, options);
      await ImpactRun.deleteMany({ _id: { $in: others } }, options);
    },
  };
}

/** Transition periods in MongoDB (`_id` code@version). */
export function createTransitionRepository({ Transition }: Models, session: ClientSession | null): TransitionRepository {
  const options = session ? { session } : {};
  return {
    async get(code, version) {
      const doc = await Transition.findById(`${code}@${version}`, null, options).lean<TransitionDoc>();
      if (!doc) return null;
      const { _id, ...record } = doc;
      return { ...record, plannedDays: record.plannedDays ?? null, supersedes: record.supersedes ?? [] };
    },
    async plan(code, version, days, by, at) {
      await Transition.updateOne({ _id: `${code}@${version}` }, { $set: { code, version, plannedDays: days, plannedBy: by, plannedAt: at } }, { ...options, upsert: true });
    },
    async record(transition) {
      await Transition.updateOne({ _id: `${transition.code}@${transition.version}` }, { $set: { ...transition } }, { ...options, upsert: true });
    },
  };
}
