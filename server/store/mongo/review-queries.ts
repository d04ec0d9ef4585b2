import type { ClientSession } from 'mongoose';
import type { Jurisdiction, ReviewQueries, ReviewStatisticsQuery, SubmissionStatus } from '../port.ts';
import type { Models } from './models.ts';
import { toSubmission, type SubmissionDoc } from './submissions.ts';

const decidedStatuses = ['approved', 'rejected', 'changes_requested'];

/** The conditions on one embedded track that the statistics count (submitted within the range, or decided within it). */
function trackConditions(query: ReviewStatisticsQuery, field: 'submittedAt' | 'decidedAt'): Record<string, unknown> {
  const conditions: Record<string, unknown> = { submittedAt: { $ne: null }, [field]: { $ne: null, $gte: query.from, $lt: query.before } };
  if (query.jurisdiction !== undefined) conditions.jurisdiction = query.jurisdiction;
  if (field === 'decidedAt') conditions.status = { $in: decidedStatuses };
  return conditions;
}

/** The same conditions on `tracks.<field>` after an $unwind. */
const unwound = (conditions: Record<string, unknown>) => Object.fromEntries(Object.entries(conditions).map(([key, value]) => [`tracks.${key}`, value]));

/** The track of one jurisdiction among the embedded ones. */
const trackOf = (jurisdiction: Jurisdiction) => ({ $arrayElemAt: [{ $filter: { input: '$tracks', cond: { $eq: ['$$this.jurisdiction', jurisdiction] } } }, 0] });

/**
 * The review queue and review statistics in MongoDB: aggregation pipelines over the submissions (tracks
 * embedded) and their revisions; the failed clauses are read from each revision's `failedClauses`.
 */
export function createReviewQueries(models: Models, session: ClientSession | null): ReviewQueries {
  const { Submission, SubmissionRevision } = models;
  return {
    async reviewQueue(query) {
      const submittedAt: Record<string, unknown> = { $ne: null };
      if (query.submittedFrom !== undefined) submittedAt.$gte = query.submittedFrom;
      if (query.submittedBefore !== undefined) submittedAt.$lt = query.submittedBefore;
      const match: Record<string, unknown> = { tracks: { $elemMatch: { jurisdiction: query.jurisdiction, status: { $in: query.statuses }, submittedAt } } };
      if (query.standardCodes !== undefined) match.standardCode = { $in: query.standardCodes };
      const after = query.after;
      const docs = await Submission.aggregate<SubmissionDoc & { queueSubmittedAt: string; latest: Array<{ conforms: boolean }> }>([
        { $match: match },
        { $addFields: { queueSubmittedAt: { $let: { vars: { track: trackOf(query.jurisdiction) }, in: '$$track.submittedAt' } } } },
        ...(after ? [{ $match: { $or: [{ queueSubmittedAt: { $gt: after.submittedAt } }, { queueSubmittedAt: after.submittedAt, seq: { $gt: after.seq } }] } }] : []),
        { $sort: { queueSubmittedAt: 1, seq: 1 } },
        { $limit: query.limit + 1 },
        {
          $lookup: {
            from: 'submission_revisions', let: { id: '$_id', number: '$revision' }, as: 'latest',
            pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$submissionId', '$$id'] }, { $eq: ['$number', '$$number'] }] } } }, { $project: { _id: 0, conforms: 1 } }],
          },
        },
      ]).session(session);
      const page = docs.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(({ queueSubmittedAt: _at, latest, ...doc }) => ({ submission: toSubmission(doc as SubmissionDoc), conforms: latest[0]?.conforms === true })),
        next: docs.length > query.limit && last ? { submittedAt: last.queueSubmittedAt, seq: last.seq } : null,
      };
    },

    async monthlySubmissionCounts(query) {
      const conditions = trackConditions(query, 'submittedAt');
      const groups = await Submission.aggregate<{ _id: { month: string; status: SubmissionStatus; standardCode: string }; count: number }>([
        { $match: { tracks: { $elemMatch: conditions } } },
        { $unwind: '$tracks' },
        { $match: unwound(conditions) },
        { $group: { _id: { month: { $substrCP: ['$tracks.submittedAt', 0, 7] }, status: '$tracks.status', standardCode: '$standardCode' }, count: { $sum: 1 } } },
        { $sort: { '_id.month': 1, '_id.status': 1, '_id.standardCode': 1 } },
      ]).session(session);
      return groups.map(({ _id, count }) => ({ ..._id, count }));
    },

    async failedClauses(query) {
      const scope = await Submission.aggregate<{ _id: string; standardCode: string; standardVersion: string }>([
        { $match: { tracks: { $elemMatch: trackConditions(query, 'submittedAt') } } },
        { $sort: { seq: -1 } },
        { $limit: query.sample + 1 },
        { $project: { _id: 1, standardCode: 1, standardVersion: 1 } },
      ]).session(session);
      const examined = scope.slice(0, query.sample);
      const standardOf = new Map(examined.map((doc) => [doc._id, doc]));
      const pairs = await SubmissionRevision.aggregate<{ _id: { submissionId: string; clause: string } }>([
        { $match: { submissionId: { $in: [...standardOf.keys()] }, conforms: false } },
        { $unwind: '$failedClauses' },
        { $group: { _id: { submissionId: '$submissionId', clause: '$failedClauses' } } },
      ]).session(session);
      const counts = new Map<string, { standardCode: string; standardVersion: string; clause: string; submissions: number }>();
      for (const { _id } of pairs) {
        const standard = standardOf.get(_id.submissionId)!;
        const key = JSON.stringify([standard.standardCode, standard.standardVersion, _id.clause]);
        const entry = counts.get(key) ?? { standardCode: standard.standardCode, standardVersion: standard.standardVersion, clause: _id.clause, submissions: 0 };
        entry.submissions += 1;
        counts.set(key, entry);
      }
      const order = (a: { standardCode: string; standardVersion: string; clause: string; submissions: number }, b: typeof a) =>
        b.submissions - a.submissions || a.standardCode.localeCompare(b.standardCode) || a.standardVersion.localeCompare(b.standardVersion) || (a.clause < b.clause ? -1 : a.clause > b.clause ? 1 : 0);
      return { clauses: [...counts.values()].sort(order).slice(0, query.limit), examined: examined.length, capped: scope.length > query.sample };
    },

    async decisionTimes(query) {
      const conditions = trackConditions(query, 'decidedAt');
      const hours = [
        { $match: { tracks: { $elemMatch: conditions } } },
        { $unwind: '$tracks' },
        { $match: unwound(conditions) },
        { $project: { _id: 0, hours: { $divide: [{ $subtract: [{ $toDate: '$tracks.decidedAt' }, { $toDate: '$tracks.submittedAt' }] }, 3_600_000] } } },
      ];
      const [counted] = await Submission.aggregate<{ n: number }>([...hours, { $count: 'n' }]).session(session);
      const decisions = counted?.n ?? 0;
      const percentile = async (p: number) => {
        if (decisions === 0) return null;
        const [nth] = await Submission.aggregate<{ hours: number }>([...hours, { $sort: { hours: 1 } }, { $skip: Math.ceil(p * decisions) - 1 }, { $limit: 1 }]).session(session);
        return nth?.hours ?? null;
      };
      return { decisions, medianHours: await percentile(0.5), p90Hours: await percentile(0.9) };
    },
  };
}

