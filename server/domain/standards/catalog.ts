import semver from 'semver';
import type { StandardRecord, Store, StoreTransaction } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import type { CheckRunner } from '../checking/check-runner.ts';
import { appendAudit, type Acting } from '../audit/append.ts';
import { DomainError } from '../errors.ts';
import { authorize, registryOrgId } from '../policies/index.ts';
import { referencedSchemas } from './references.ts';
import { assertWithinLimits, type SchemaLimits } from './schema-limits.ts';
import { assertStandardIds } from './standard-id.ts';
import { contentHashOf, type StandardDocument } from './standard-document.ts';
import { assertPublishableAlone, recordDraftSharing } from './joint-publication/sharing.ts';
import { recordTransition } from './transition/transition-period.ts';

/** What the standards catalog needs besides the store. */
export interface CatalogContext {
  store: Store;
  /** Where uploaded schemas are compiled (a worker pool in the server, in-process in the CLI). */
  checks: CheckRunner;
  limits: SchemaLimits;
  /** Days of the transition period a published version gets unless its draft planned others (TRANSITION_DAYS; default 180). */
  transitionDays?: number;
}

const standardSubject = (code: string, version: string) => `standard:${code}@${version}`;

/** The owner of a code's versions: that of its first version, or, for a new code, the uploader's authority. */
function ownerFor(actor: Actor, versions: StandardRecord[]): string | null {
  if (versions.length > 0) return versions[0]!.ownerOrgId;
  return actor.orgId === registryOrgId ? null : actor.orgId;
}

/**
 * Stores an uploaded standard as a draft (replacing an earlier draft of the same code and version).
 * The schema must stay within the limits, declare its $id in the registry's namespace (standard-id.ts)
 * and compile in strict mode; a published, superseded or
 * withdrawn version can never be uploaded again (conflict). A code already in the catalog takes new
 * versions and replacements only from its owning authority (forbidden otherwise); a new code becomes
 * the uploader's authority's.
 */
export async function uploadStandard(ctx: CatalogContext, actor: Actor, document: StandardDocument, requestId: string | null = null): Promise<StandardRecord> {
  authorize(actor, 'standard.upload');
  assertWithinLimits(document, ctx.limits);
  assertStandardIds(document);
  const referenced = await referencedSchemas(ctx.store.standards, document.schema);
  await ctx.checks.assertCompiles(document.schema, referenced);
  const schemaId = typeof document.schema.$id === 'string' ? document.schema.$id : null;
  return ctx.store.transaction(async (tx) => {
    const versions = await tx.standards.listVersions(document.code);
    const ownerOrgId = ownerFor(actor, versions);
    if (versions.length > 0) authorize(actor, 'standard.upload', { code: document.code, version: document.version, ownerOrgId });
    const existing = versions.find((v) => v.version === document.version) ?? null;
    if (existing && existing.status !== 'draft') {
      throw new DomainError('conflict', `${document.code}@${document.version} is ${existing.status}; publish a new version instead`, { status: existing.status });
    }
    const record: StandardRecord = {
      ...document,
      schemaId,
      contentHash: contentHashOf(document),
      status: 'draft',
      ownerOrgId,
      createdBy: actor.userId,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      publishedAt: null,
      retiredAt: null,
    };
    if (existing) await tx.standards.replaceDraft(record);
    else await tx.standards.insert(record);
    await recordDraftSharing(tx, { actor, requestId }, document, versions, existing);
    await appendAudit(tx, { actor, requestId }, {
      action: 'standard.upload',
      subject: standardSubject(record.code, record.version),
      summary: { contentHash: record.contentHash, replacedDraft: existing ? existing.contentHash : null, schemaId },
    });
    return record;
  });
}

/**
 * Publishes a draft: from now on its content is immutable and checks may use it. Older published
 * versions of the same code become superseded; publishing below an already published version is refused.
 */
export async function publishStandard(ctx: CatalogContext, actor: Actor, code: string, version: string, requestId: string | null = null): Promise<StandardRecord> {
  authorize(actor, 'standard.publish');
  return ctx.store.transaction(async (tx) => {
    const record = await tx.standards.get(code, version);
    if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
    authorize(actor, 'standard.publish', record);
    await assertPublishableAlone(tx, record);
    return publishDraft(tx, { actor, requestId }, record, ctx.transitionDays);
  });
}

/**
 * Publishes a draft inside the caller's transaction: older published versions of the code become superseded;
 * publishing below an already published version is refused. Used by publishStandard and by joint publication
 * (the last approval of a shared standard publishes it).
 */
export async function publishDraft(tx: StoreTransaction, acting: Acting, record: StandardRecord, transitionDays?: number): Promise<StandardRecord> {
  const { code, version } = record;
  if (record.status !== 'draft') throw new DomainError('invalid_state', `${code}@${version} is ${record.status}, not a draft`, { state: record.status });
  const now = new Date().toISOString();
  for (const other of await tx.standards.listVersions(code)) {
    if (other.status !== 'published') continue;
    if (semver.gt(other.version, version)) {
      throw new DomainError('conflict', `${code}@${other.version} is already published; publish a version above it`);
    }
    await tx.standards.setStatus(code, other.version, { status: 'superseded', retiredAt: now });
    await appendAudit(tx, acting, { action: 'standard.supersede', subject: standardSubject(code, other.version), summary: { from: 'published', to: 'superseded', by: version } });
  }
  await tx.standards.setStatus(code, version, { status: 'published', publishedAt: now });
  await recordTransition(tx, record, now, transitionDays);
  await appendAudit(tx, acting, { action: 'standard.publish', subject: standardSubject(code, version), summary: { from: 'draft', to: 'published', contentHash: record.contentHash } });
  return { ...record, status: 'published', publishedAt: now };
}

/**
 * Withdraws a version: no new checks or submissions may use it. Certificates already issued keep citing it.
 * Only regulators of the owning authority may (the shipped joint standards: only the registry CLI).
 */
export async function withdrawStandard(ctx: CatalogContext, actor: Actor, code: string, version: string, requestId: string | null = null): Promise<StandardRecord> {
  authorize(actor, 'standard.withdraw');
  return ctx.store.transaction(async (tx) => {
    const record = await tx.standards.get(code, version);
    if (!record) throw new DomainError('not_found', `no standard ${code}@${version}`);
    authorize(actor, 'standard.withdraw', record);
    if (record.status === 'withdrawn') throw new DomainError('invalid_state', `${code}@${version} is already withdrawn`, { state: record.status });
    const now = new Date().toISOString();
    await tx.standards.setStatus(code, version, { status: 'withdrawn', retiredAt: now });
    await appendAudit(tx, { actor, requestId }, { action: 'standard.withdraw', subject: standardSubject(code, version), summary: { from: record.status, to: 'withdrawn' } });
    return { ...record, status: 'withdrawn', retiredAt: now };
  });
}

