import semver from 'semver';
import type { StandardRecord, Store } from '../../store/port.ts';
import type { CheckableStandard } from '../checking/check-runner.ts';
import type { ConformanceEngine, PreparedStandard } from '../conformance/index.ts';
import { DomainError } from '../errors.ts';
import { referencedSchemas } from './references.ts';

/** The newest published version of a standard, or null when none is published. */
export function latestPublished(versions: StandardRecord[]): StandardRecord | null {
  const published = versions.filter((record) => record.status === 'published');
  return published.sort((a, b) => semver.rcompare(a.version, b.version))[0] ?? null;
}

/**
 * The version a check or submission targets: the named one (published or superseded), or the newest
 * published one when no version is named. Drafts, withdrawn versions and unknown codes are refused.
 */
export async function resolveCheckableStandard(store: Store, code: string, version?: string): Promise<StandardRecord> {
  if (version === undefined) {
    const latest = latestPublished(await store.standards.listVersions(code));
    if (!latest) throw new DomainError('not_found', `no published version of standard ${code}`);
    return latest;
  }
  const record = await store.standards.get(code, version);
  if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
  if (record.status !== 'published' && record.status !== 'superseded') {
    throw new DomainError('invalid_state', `${code}@${version} is ${record.status}; specs can be checked only against published versions`, { state: record.status });
  }
  return record;
}

/** The standard compiled for checking (cached by the engine), with the record it came from. Referenced documents are read from the store only on the first check. */
export async function prepareStandard(store: Store, engine: ConformanceEngine, record: StandardRecord): Promise<PreparedStandard> {
  const doc = { code: record.code, version: record.version, contentHash: record.contentHash, schema: record.schema };
  return engine.cached(doc) ?? engine.prepare(doc, await referencedSchemas(store.standards, record.schema));
}

/** A standard record as a CheckRunner takes it: referenced documents are read from the store only when the runner asks (its first check of this version). */
export function checkableStandard(store: Store, record: StandardRecord): CheckableStandard {
  return {
    code: record.code, version: record.version, contentHash: record.contentHash, schema: record.schema,
    referenced: () => referencedSchemas(store.standards, record.schema),
  };
}
