import type { Actor } from '../accounts/actor.ts';
import { DomainError } from '../errors.ts';
import { publishStandard, uploadStandard, type CatalogContext } from './catalog.ts';
import { externalReferences } from './references.ts';
import type { StandardDocument } from './standard-document.ts';

/** What happened to each document of a bulk publish. */
export interface BulkPublishResult {
  published: string[];
  unchanged: string[];
}

/** Orders documents so that each comes after the documents its schema references. */
function dependencyOrder(documents: StandardDocument[]): StandardDocument[] {
  const ordered: StandardDocument[] = [];
  const done = new Set<string>();
  let pending = [...documents];
  while (pending.length > 0) {
    const ready = pending.filter((doc) => externalReferences(doc.schema).every((id) => done.has(id) || !pending.some((other) => other.schema.$id === id)));
    if (ready.length === 0) throw new DomainError('invalid_schema', `circular references between ${pending.map((doc) => doc.code).join(', ')}`);
    for (const doc of ready) {
      ordered.push(doc);
      if (typeof doc.schema.$id === 'string') done.add(doc.schema.$id);
    }
    pending = pending.filter((doc) => !ready.includes(doc));
  }
  return ordered;
}

/**
 * Uploads and publishes each document not yet in the registry, referenced documents first. A version
 * already present is left as it is (published content never changes). Each document is its own
 * transaction: a bad document stops the run with its error, and the ones before it stay published.
 */
export async function publishDocuments(ctx: CatalogContext, actor: Actor, documents: StandardDocument[]): Promise<BulkPublishResult> {
  const result: BulkPublishResult = { published: [], unchanged: [] };
  for (const document of dependencyOrder(documents)) {
    const key = `${document.code}@${document.version}`;
    const existing = await ctx.store.standards.get(document.code, document.version);
    if (existing && existing.status !== 'draft') {
      result.unchanged.push(key);
      continue;
    }
    await uploadStandard(ctx, actor, document);
    await publishStandard(ctx, actor, document.code, document.version);
    result.published.push(key);
  }
  return result;
}
