import { canonicalJson } from '../canonical-json.ts';
import { leafHash } from './merkle.ts';

/** What a log leaf records. Hashes, numbers and dates only: no names, no personal data. */
export type LogEntry = CertificateLogEntry | StatusListLogEntry | StandardPublishedLogEntry;

/** A certificate's issuance or status change. */
export interface CertificateLogEntry {
  type: 'certificate.issued' | 'certificate.suspended' | 'certificate.reinstated' | 'certificate.revoked';
  /** The certificate number. */
  number: string;
  /** SHA-256 (hex) of the signed credential (the JWS payload bytes). */
  credentialHash: string;
  /** The certificate's status once this entry applies. */
  status: 'valid' | 'suspended' | 'revoked';
  /** ISO 8601 time of the event. */
  at: string;
}

/** A status list re-signed with changed bits (server/domain/status-lists), in the transaction of the status change. */
export interface StatusListLogEntry {
  type: 'status-list.updated';
  /** The list's URL (its credential's id). */
  list: string;
  /** SHA-256 (hex) of the new list credential (the JWS payload bytes). */
  credentialHash: string;
  /** SHA-256 (hex) of its uncompressed bitstring: a later re-signing of the same bits has the same. */
  bitstringHash: string;
  /** ISO 8601 time of the change. */
  at: string;
}

/**
 * A standard shared between jurisdictions, published by its last approval (server/domain/standards/joint-publication),
 * in that approval's transaction.
 */
export interface StandardPublishedLogEntry {
  type: 'standard.published';
  code: string;
  version: string;
  /** The content hash every approval signed. */
  contentHash: string;
  /** SHA-256 (hex) of each approval's JWS payload bytes, in the order they were given. */
  approvals: string[];
  /** ISO 8601 time of the publication. */
  at: string;
}

/** The exact bytes a leaf hashes: the entry's RFC 8785 canonical JSON in UTF-8. */
export function encodeEntry(entry: LogEntry): Uint8Array {
  return new TextEncoder().encode(canonicalJson(entry));
}

/** The leaf hash (hex) of an entry's canonical text. */
export function entryLeafHash(entryText: string): string {
  return toHex(leafHash(new TextEncoder().encode(entryText)));
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Bytes of a lower-case or upper-case hex string; throws on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError('not a hex string');
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
