import type { StandardReader, StandardRecord } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { DomainError } from '../../errors.ts';
import { authorize, can } from '../../policies/index.ts';
import { referencedSchemas } from '../references.ts';
import { diffClauseDocuments } from './diff.ts';
import type { ClauseDiff } from './types.ts';

/** One side of a comparison, as the diff names it. */
export interface ComparedVersion {
  version: string;
  status: StandardRecord['status'];
  contentHash: string;
}

/** Two versions of one standard and their clause-level difference. */
export interface VersionComparison extends ClauseDiff {
  code: string;
  from: ComparedVersion;
  to: ComparedVersion;
}

/** Which query parameter named a version: errors say which one was wrong. */
export type VersionParameter = 'from' | 'to';

/** A version the actor may compare: published ones (and superseded, withdrawn) by anyone, drafts by those who manage standards. */
export function mayCompare(actor: Actor | null, record: Pick<StandardRecord, 'status'>): boolean {
  return record.status !== 'draft' || can(actor, 'standard.manage');
}

async function versionOf(standards: StandardReader, actor: Actor | null, code: string, version: string, parameter: VersionParameter): Promise<StandardRecord> {
  const record = await standards.get(code, version);
  if (!record) throw new DomainError('not_found', `no standard ${code}@${version} (query parameter ${parameter})`, { parameter });
  if (record.status === 'draft') authorize(actor, 'standard.manage');
  return record;
}

function summary(record: StandardRecord): ComparedVersion {
  return { version: record.version, status: record.status, contentHash: record.contentHash };
}

/**
 * Compares version `from` of standard `code` with version `to`, clause by clause. Throws not_found (with
 * details.parameter) for a version that does not exist, and unauthenticated / forbidden for a draft the
 * actor may not manage.
 */
export async function compareVersions(standards: StandardReader, actor: Actor | null, code: string, from: string, to: string): Promise<VersionComparison> {
  const before = await versionOf(standards, actor, code, from, 'from');
  const after = await versionOf(standards, actor, code, to, 'to');
  const key = `${before.contentHash}:${after.contentHash}`;
  let diff = recentDiffs.get(key);
  if (diff === undefined) {
    diff = diffClauseDocuments(
      { schema: before.schema, referenced: await referencedSchemas(standards, before.schema) },
      { schema: after.schema, referenced: await referencedSchemas(standards, after.schema) },
    );
    if (recentDiffs.size >= recentDiffLimit) recentDiffs.delete(recentDiffs.keys().next().value!);
    recentDiffs.set(key, diff);
  }
  return { code, from: summary(before), to: summary(after), ...diff };
}

/**
 * The last diffs computed, by the two content hashes: a version's content (and the published documents it
 * references) never changes under the same hash, so a repeated comparison is not walked again.
 */
const recentDiffs = new Map<string, ClauseDiff>();
const recentDiffLimit = 32;
