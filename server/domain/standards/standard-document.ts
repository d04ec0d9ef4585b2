import type { LocalizedText, StandardRecord } from '../../store/port.ts';
import { canonicalHash } from '../canonical-json.ts';

/** A standard document as regulators upload it (validated at the edge by schemas/api/standard-document.schema.json). */
export interface StandardDocument {
  code: string;
  version: string;
  category: string;
  title: LocalizedText;
  schema: Record<string, unknown>;
  /**
   * Upload only, not part of the document or its hash: true on a code's first version makes the code shared
   * between IR and RU (joint publication, see joint-publication/sharing.ts); later versions may repeat it, not change it.
   */
  shared?: boolean;
}

/** The document part of a stored record, without lifecycle fields. */
export function documentOf(record: StandardRecord): StandardDocument {
  return { code: record.code, version: record.version, category: record.category, title: record.title, schema: record.schema };
}

/** SHA-256 of the document's canonical JSON: what a certificate cites to pin the exact standard text. */
export function contentHashOf(document: StandardDocument): string {
  return canonicalHash(documentOf(document as StandardRecord));
}
