import type { ClientSession } from 'mongoose';
import type { UserRecord, UserRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type UserDoc = Omit<UserRecord, 'id'> & { _id: string };

function toRecord(doc: UserDoc | null): UserRecord | null {
  if (!doc) return null;
  return { id: doc._id, email: doc.email, name: doc.name, role: doc.role, orgId: doc.orgId, jurisdiction: doc.jurisdiction ?? null, createdAt: doc.createdAt };
}

/** Users and their hashed API tokens in MongoDB. */
export function createUserRepository({ User, ApiToken }: Models, session: ClientSession | null): UserRepository {
  const options = sessionOptions(session);
  return {
    async get(id) {
      return toRecord(await User.findById(id, null, options).lean<UserDoc>());
    },
    async findByEmail(email) {
      return toRecord(await User.findOne({ email: email.toLowerCase() }, null, options).lean<UserDoc>());
    },
    async findByTokenHash(tokenHash) {
      const token = await ApiToken.findOne({ tokenHash, revokedAt: null }, null, options).lean();
      return token ? toRecord(await User.findById(token.userId, null, options).lean<UserDoc>()) : null;
    },
    async count() {
      return User.countDocuments({}, options);
    },
    async insert(user) {
      const { id, ...rest } = user;
      await translateDuplicate(`user "${user.email}"`, () => User.create([{ _id: id, ...rest }], options));
    },
    async insertToken(token) {
      const { id, ...rest } = token;
      await translateDuplicate('API token', () => ApiToken.create([{ _id: id, ...rest }], options));
    },
  };
}
