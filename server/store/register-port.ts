/**
 * The storage port's part for the public register: one row of searchable facts per certificate, kept in the
 * same transaction as issuance and every status change (port.ts re-exports everything here). The facts come
 * from the signed credential and never change; only the recorded status, its reason and its date do.
 */
import type { CertificateStatus } from './certificates-port.ts';
import type { Jurisdiction } from './port.ts';

/** What the register knows of one certificate. */
export interface RegisterRecord {
  number: string;
  jurisdiction: Jurisdiction;
  /** The recorded status (the last event's); expiry by date is the domain's to work out from `validUntil`. */
  status: CertificateStatus;
  /** The public reason and date of the last suspension, reinstatement or revocation; null when there was none. */
  statusReason: string | null;
  statusAt: string | null;
  manufacturer: string;
  brand: string;
  model: string;
  variants: string[];
  hsCode: string;
  standardCode: string;
  standardVersion: string;
  issuedAt: string;
  validUntil: string;
  /** The manufacturer and model folded for comparison (domain/register/register-keys.ts): what their filters match. */
  manufacturerKey: string;
  modelKey: string;
  /** The HS code's digits alone ("8517.13.00" → "85171300"): HS codes are hierarchical, so its filter matches a prefix. */
  hsDigits: string;
}

/** The comparison keys of a record: written for the filters, never read back. */
export type RegisterKeys = 'manufacturerKey' | 'modelKey' | 'hsDigits';

/** A register row as read back: the record's facts and status (not its comparison keys) and its place in issuance order. */
export interface RegisterRow extends Omit<RegisterRecord, RegisterKeys> {
  /** Unique, and larger for a later issuance: newest first is descending position, and keyset pages continue below it. */
  position: number;
}

/**
 * A register search: every given condition must hold. Rows come newest issued first (descending position).
 * The store never reads user text as query syntax: each word is matched as literal text.
 */
export interface RegisterSearch {
  /**
   * Free-text words, each a run of non-space characters holding at least one letter or digit. Every word must
   * occur in the manufacturer, brand, model or variants (its tokens in order, accents and case ignored);
   * the last word may be the start of a longer one ("Huaw" finds "Huawei"; a store may compare only the first
   * 12 characters of a longer last word, so that the prefix stays an index read).
   */
  words: string[];
  /** manufacturerKey equals this. */
  manufacturerKey?: string;
  /** modelKey equals this. */
  modelKey?: string;
  /** hsDigits starts with these digits. */
  hsDigitsPrefix?: string;
  standardCode?: string;
  standardVersion?: string;
  jurisdiction?: Jurisdiction;
  /** Recorded statuses to include (any when absent). */
  statuses?: CertificateStatus[];
  /** validUntil later than this instant (ISO 8601, UTC). */
  validUntilAfter?: string;
  /** validUntil at or before this instant. */
  validUntilNotAfter?: string;
  /** issuedAt at or after this instant. */
  issuedFrom?: string;
  /** issuedAt before this instant. */
  issuedBefore?: string;
  /** Only rows whose position is below this one (the keyset of the next page). */
  beforePosition?: number;
  limit: number;
}

export interface RegisterReader {
  /** The register row of a certificate, or null. */
  get(number: string): Promise<RegisterRow | null>;
  search(search: RegisterSearch): Promise<RegisterRow[]>;
  /** Numbers of certificates that have no register row yet (issued before the register existed), oldest first, at most `limit`. */
  unregistered(limit: number): Promise<string[]>;
}

export interface RegisterRepository extends RegisterReader {
  /**
   * Writes a certificate's row: inserted on first use (the certificate must exist), afterwards only its status,
   * status reason and status date change; the other facts stay as first written.
   */
  put(record: RegisterRecord): Promise<void>;
}
