import { tokenStatus } from '../../domain/accounts/tokens.ts';
import type { ApiTokenRecord, UserRecord } from '../../store/port.ts';

/** A user as the API shows them (no tokens, no hashes). */
export function presentUser(user: UserRecord) {
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId,
    jurisdiction: user.jurisdiction, createdAt: user.createdAt, disabledAt: user.disabledAt,
  };
}

/** A token as the API shows it: its id, label, dates and status at `now`; never the hash. */
export function presentToken(token: ApiTokenRecord, now = new Date()) {
  return {
    id: token.id, userId: token.userId, name: token.name, createdAt: token.createdAt,
    expiresAt: token.expiresAt, revokedAt: token.revokedAt, status: tokenStatus(token, now),
  };
}

/** A token just issued: the token in clear, shown this once, with its record. */
export function presentIssuedToken(issued: { record: ApiTokenRecord; token: string }) {
  return { ...presentToken(issued.record), token: issued.token };
}
