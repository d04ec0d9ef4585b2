import { latestPublished } from '../../domain/standards/lookup.ts';
import type { StandardRecord } from '../../store/port.ts';

/** A standard version as the API shows it; the document itself only when asked for. */
export function presentStandard(record: StandardRecord, options: { withDocument?: boolean } = {}) {
  return {
    code: record.code,
    version: record.version,
    category: record.category,
    title: record.title,
    status: record.status,
    schemaId: record.schemaId,
    contentHash: record.contentHash,
    createdAt: record.createdAt,
    publishedAt: record.publishedAt,
    retiredAt: record.retiredAt,
    ...(options.withDocument
      ? { document: { code: record.code, version: record.version, category: record.category, title: record.title, schema: record.schema } }
      : {}),
  };
}

/** One line of the catalog: a standard code with its versions and the latest published one. */
export function presentCatalogEntry(code: string, versions: StandardRecord[], latest: StandardRecord | null) {
  const newest = latest ?? versions[versions.length - 1]!;
  return {
    code,
    category: newest.category,
    title: newest.title,
    latestPublished: latest?.version ?? null,
    versions: versions.map((record) => ({ version: record.version, status: record.status, contentHash: record.contentHash })),
  };
}

/** The whole catalog: one entry per standard code, its versions in creation order. */
export function presentCatalog(records: StandardRecord[]) {
  const groups = new Map<string, StandardRecord[]>();
  for (const record of records) groups.set(record.code, [...(groups.get(record.code) ?? []), record]);
  return [...groups].map(([code, versions]) => presentCatalogEntry(code, versions, latestPublished(versions)));
}
