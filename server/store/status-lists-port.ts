/**
 * The storage port's part for W3C Bitstring Status Lists (port.ts re-exports everything here): each certificate's
 * index in its issuing authority's lists, and each list's bits with the credential signed when they last changed.
 * An entry is never edited or deleted; a list row is replaced only by a status change, in that change's transaction.
 */

/** What a list's bits say: revoked (final) or suspended (reversible). */
export type StatusPurpose = 'revocation' | 'suspension';

/** A certificate's place in its authority's status lists (the same index in the revocation and the suspension list). */
export interface StatusEntryRecord {
  /** The certificate number. */
  number: string;
  /** The issuing authority (organisation id). */
  orgId: string;
  /** Index in the authority's index space: list page floor(index / 131072), position index mod 131072. */
  statusIndex: number;
  createdAt: string;
}

/** One published list: an authority's bits for one purpose and page, and the credential signed when they last changed. */
export interface StatusListRecord {
  orgId: string;
  purpose: StatusPurpose;
  page: number;
  /** The uncompressed bitstring, bit 0 the left-most bit of byte 0. */
  bits: Uint8Array;
  /** The BitstringStatusListCredential (compact JWS) signed when the bits last changed; its validFrom is updatedAt. */
  jws: string;
  updatedAt: string;
}

export interface StatusListReader {
  /** The certificate's entry, or null (certificates issued before status lists have none). */
  entry(number: string): Promise<StatusEntryRecord | null>;
  /** How many entries the authority has, over all pages. */
  entryCount(orgId: string): Promise<number>;
  /** True when the authority has an entry at this index. */
  indexTaken(orgId: string, statusIndex: number): Promise<boolean>;
  /** The highest index the authority has given out, or null when it has none. */
  highestIndex(orgId: string): Promise<number | null>;
  /** The stored list, or null while no status in it has changed yet (it is then all clear). */
  list(orgId: string, purpose: StatusPurpose, page: number): Promise<StatusListRecord | null>;
}
export interface StatusListRepository extends StatusListReader {
  /** Throws DomainError('conflict') when the number has an entry or the authority's index is taken. */
  insertEntry(entry: StatusEntryRecord): Promise<void>;
  /** Stores the list, replacing the bits and credential of the same authority, purpose and page. */
  saveList(list: StatusListRecord): Promise<void>;
}
