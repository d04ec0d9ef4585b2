import type { ClientSession } from 'mongoose';
import type { DecisionRecord, RevisionRecord, SubmissionQuery, SubmissionRecord, SubmissionRepository } from '../port.ts';
import { incrementCounter } from './certificate-models.ts';
import { failedLeafClauses } from './failed-clauses.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';
import { createReviewQueries } from './review-queries.ts';

export type SubmissionDoc = Omit<SubmissionRecord, 'id'> & { _id: string; seq: number };
type RevisionDoc = Omit<RevisionRecord, 'product' | 'spec' | 'report'> & { productJson: string; specJson: string; reportJson: string };

export function toSubmission(doc: SubmissionDoc): SubmissionRecord {
  const { _id, seq: _seq, tracks, ...rest } = doc;
  return { id: _id, ...rest, tracks: tracks.map((t) => ({ ...t, decidedRevision: t.decidedRevision ?? null })) };
}

function toRevision(doc: RevisionDoc): RevisionRecord {
  return {
    submissionId: doc.submissionId, number: doc.number, product: JSON.parse(doc.productJson), spec: JSON.parse(doc.specJson),
    specHash: doc.specHash, conforms: doc.conforms, report: JSON.parse(doc.reportJson), createdBy: doc.createdBy, createdAt: doc.createdAt,
  };
}

function toDecision(doc: DecisionRecord & { seq: number }): DecisionRecord {
  const { seq: _seq, ...rest } = doc;
  return { ...rest, comment: rest.comment ?? null };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function listFilter(query: SubmissionQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.orgId !== undefined) filter.orgId = query.orgId;
  if (query.jurisdiction !== undefined) {
    filter.tracks = { $elemMatch: { jurisdiction: query.jurisdiction, submittedAt: { $ne: null }, ...(query.status ? { status: query.status } : {}) } };
  } else if (query.status !== undefined) filter.status = query.status;
  if (query.standardCode !== undefined) filter.standardCode = query.standardCode;
  if (query.text !== undefined) {
    const pattern = { $regex: escapeRegex(query.text), $options: 'i' };
    filter.$or = [{ manufacturer: pattern }, { model: pattern }];
  }
  if (query.after !== undefined) filter.seq = { $lt: query.after };
  return filter;
}

/** Submissions (tracks embedded), their revisions and decisions in MongoDB. */
export function createSubmissionRepository(models: Models, session: ClientSession | null): SubmissionRepository {
  const { Submission, SubmissionRevision, SubmissionDecision, Counter } = models;
  const options = sessionOptions(session);
  return {
    ...createReviewQueries(models, session),
    async get(id) {
      const doc = await Submission.findById(id, null, options).lean<SubmissionDoc>();
      return doc ? toSubmission(doc) : null;
    },
    async list(query) {
      const docs = await Submission.find(listFilter(query), null, options).sort({ seq: -1 }).limit(query.limit + 1).lean<SubmissionDoc[]>();
      const page = docs.slice(0, query.limit);
      return { items: page.map(toSubmission), next: docs.length > query.limit ? page[page.length - 1]!.seq : null };
    },
    async listRevisions(submissionId) {
      return (await SubmissionRevision.find({ submissionId }, null, options).sort({ number: 1 }).lean<RevisionDoc[]>()).map(toRevision);
    },
    async getRevision(submissionId, number) {
      const doc = await SubmissionRevision.findOne({ submissionId, number }, null, options).lean<RevisionDoc>();
      return doc ? toRevision(doc) : null;
    },
    async listDecisions(submissionId) {
      return (await SubmissionDecision.find({ submissionId }, { _id: 0 }, options).sort({ seq: 1 }).lean<(DecisionRecord & { seq: number })[]>()).map(toDecision);
    },
    async insert(submission) {
      const { id, ...rest } = submission;
      const seq = await incrementCounter(Counter, 'submissions', session);
      await translateDuplicate(`submission ${id}`, () => Submission.create([{ _id: id, seq, ...rest }], options));
    },
    async update(submission) {
      const { id, status, revision, manufacturer, model, updatedAt, tracks } = submission;
      await Submission.updateOne({ _id: id }, { $set: { status, revision, manufacturer, model, updatedAt, tracks } }, options);
    },
    async insertRevision(revision) {
      const { product, spec, report, ...rest } = revision;
      const doc = { ...rest, productJson: JSON.stringify(product), specJson: JSON.stringify(spec ?? null), reportJson: JSON.stringify(report), failedClauses: failedLeafClauses(report) };
      await translateDuplicate(`revision ${revision.number} of submission ${revision.submissionId}`, () => SubmissionRevision.create([doc], options));
    },
    async insertDecision(decision) {
      const seq = await incrementCounter(Counter, 'submission_decisions', session);
      await SubmissionDecision.create([{ ...decision, seq }], options);
    },
  };
}
