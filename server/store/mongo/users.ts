import type { ClientSession } from 'mongoose';
import type { ApiTokenRecord, UserListQuery, UserRecord, UserRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type UserDoc = Omit<UserRecord, 'id'> & { _id: string };
type TokenDoc = Omit<ApiTokenRecord, 'id'> & { _id: string };

function toRecord(doc: UserDoc | null): UserRecord | null {
  if (!doc) return null;
  return {
    id: doc._id, email: doc.email, name: doc.name, role: doc.role, orgId: doc.orgId,
    jurisdiction: doc.jurisdiction ?? null, createdAt: doc.createdAt, disabledAt: doc.disabledAt ?? null,
  };
}

function toToken(doc: TokenDoc | null): ApiTokenRecord | null {
  if (!doc) return null;
  return {
    id: doc._id, userId: doc.userId, tokenHash: doc.tokenHash, name: doc.name ?? null,
    createdAt: doc.createdAt, expiresAt: doc.expiresAt, revokedAt: doc.revokedAt ?? null,
  };
}

/** The filter of an admin's user list: role, a literal piece of the e-mail address, and the page's start. */
function listFilter(query: UserListQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.role !== undefined) filter.role = query.role;
  const email: Record<string, unknown> = {};
  // E-mail addresses are stored lower-cased; the piece is matched as text, never as a pattern.
  if (query.emailContains) email.$regex = query.emailContains.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (query.afterEmail !== undefined) email.$gt = query.afterEmail.toLowerCase();
  if (Object.keys(email).length) filter.email = email;
  return filter;
}

/** Users and their hashed API tokens in MongoDB. */
export function createUserRepository({ User, ApiToken }: Models, session: ClientSession | null): UserRepository {
  const options = sessionOptions(session);
  return {
    async get(id) {
      return toRecord(await User.findById(id, null, options).lean<UserDoc>());
    },
    async list(query) {
      const docs = await User.find(listFilter(query), null, options).sort({ email: 1 }).limit(query.limit).lean<UserDoc[]>();
      return docs.map((doc) => toRecord(doc)!);
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
    async findToken(tokenHash) {
      return toToken(await ApiToken.findOne({ tokenHash }, null, options).lean<TokenDoc>());
    },
    async getToken(id) {
      return toToken(await ApiToken.findById(id, null, options).lean<TokenDoc>());
    },
    async listTokens(userId) {
      const docs = await ApiToken.find({ userId }, null, options).sort({ createdAt: -1 }).lean<TokenDoc[]>();
      return docs.map((doc) => toToken(doc)!);
    },
    async insert(user) {
      const { id, ...rest } = user;
      await translateDuplicate(`user "${user.email}"`, () => User.create([{ _id: id, ...rest }], options));
    },
    async insertToken(token) {
      const { id, ...rest } = token;
      await translateDuplicate('API token', () => ApiToken.create([{ _id: id, ...rest }], options));
    },
    async revokeToken(id, at) {
      await ApiToken.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } }, options);
    },
    async disable(userId, at) {
      await User.updateOne({ _id: userId, disabledAt: null }, { $set: { disabledAt: at } }, options);
    },
    async passwordHashOf(userId) {
      const doc = await User.findById(userId, { passwordHash: 1 }, options).select('+passwordHash').lean<{ passwordHash?: string | null }>();
      return doc?.passwordHash ?? null;
    },
    async setPasswordHash(userId, passwordHash, at) {
      await User.updateOne({ _id: userId }, { $set: { passwordHash, passwordChangedAt: at } }, options);
    },
  };
}
