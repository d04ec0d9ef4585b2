import { tokenStatus, type TokenStatus } from '../../../domain/accounts/tokens.ts';
import type { ApiTokenRecord } from '../../../store/port.ts';

/** A token as a page lists it: never its hash, with its status at the time of the request. */
export interface TokenRow {
  id: string;
  name: string | null;
  createdAt: string;
  expiresAt: string;
  status: TokenStatus;
  active: boolean;
}

export function tokenRows(tokens: ApiTokenRecord[], now = new Date()): TokenRow[] {
  return tokens.map((token) => {
    const status = tokenStatus(token, now);
    return { id: token.id, name: token.name, createdAt: token.createdAt, expiresAt: token.expiresAt, status, active: status === 'active' };
  });
}
