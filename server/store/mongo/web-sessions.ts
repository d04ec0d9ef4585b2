import type { ClientSession } from 'mongoose';
import type { WebSessionRecord, WebSessionRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type SessionDoc = Omit<WebSessionRecord, 'idHash'> & { _id: string };

function toRecord(doc: SessionDoc | null): WebSessionRecord | null {
  if (!doc) return null;
  return { idHash: doc._id, userId: doc.userId, csrfSecret: doc.csrfSecret, createdAt: doc.createdAt, lastSeenAt: doc.lastSeenAt, expiresAt: doc.expiresAt };
}

/** Web sessions and failed sign-ins in MongoDB. */
export function createWebSessionRepository({ WebSession, SignInFailure }: Models, session: ClientSession | null): WebSessionRepository {
  const options = sessionOptions(session);
  return {
    async get(idHash) {
      return toRecord(await WebSession.findById(idHash, null, options).lean<SessionDoc>());
    },
    async countSignInFailures(throttleKey, since) {
      return SignInFailure.countDocuments({ throttleKey, at: { $gte: since } }, options);
    },
    async insert(record) {
      const { idHash, ...rest } = record;
      await translateDuplicate('web session', () => WebSession.create([{ _id: idHash, ...rest }], options));
    },
    async touch(idHash, lastSeenAt) {
      await WebSession.updateOne({ _id: idHash }, { $set: { lastSeenAt } }, options);
    },
    async delete(idHash) {
      await WebSession.deleteOne({ _id: idHash }, options);
    },
    async deleteOfUser(userId) {
      await WebSession.deleteMany({ userId }, options);
    },
    async deleteExpired(sessionsBefore, failuresBefore) {
      await WebSession.deleteMany({ expiresAt: { $lt: sessionsBefore } }, options);
      await SignInFailure.deleteMany({ at: { $lt: failuresBefore } }, options);
    },
    async recordSignInFailure(throttleKey, at) {
      await SignInFailure.create([{ throttleKey, at }], options);
    },
    async clearSignInFailures(throttleKey) {
      await SignInFailure.deleteMany({ throttleKey }, options);
    },
  };
}
