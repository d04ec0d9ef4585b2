import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Actor } from './domain/accounts/actor.ts';
import type { CheckRunner } from './domain/checking/check-runner.ts';
import { publishDocuments, type BulkPublishResult } from './domain/standards/bulk-publish.ts';
import type { StandardDocument } from './domain/standards/standard-document.ts';
import { validateInput } from './input-schemas.ts';
import { readJsonFile } from './json-file.ts';
import type { Store } from './store/port.ts';

/** Where the standards shipped with the registry live. */
export const shippedStandardsDir = join(import.meta.dirname, '..', 'schemas', 'standards');

/** The registry itself, acting as the regulator that loads the shipped standards. */
export const systemActor: Actor = Object.freeze({ userId: 'system', email: 'system@registry', role: 'regulator', orgId: 'system', jurisdiction: null });

/** Reads and validates one standard document file; the error names the file. */
export function readStandardFile(path: string): StandardDocument {
  // Strict UTF-8 and well-formed strings, as an upload of the same file would be read.
  return validateInput<StandardDocument>('urn:irru:api:standard-document', readJsonFile(path));
}

/** Every shipped standard document (schemas/standards/*.json). */
export function readShippedStandards(dir = shippedStandardsDir): StandardDocument[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readStandardFile(join(dir, file)));
}

/** Publishes the shipped standards that the store does not have yet (first start, `registry init`). */
export function publishShippedStandards(ctx: { store: Store; checks: CheckRunner; config: Pick<Config, 'limits'> }): Promise<BulkPublishResult> {
  return publishDocuments({ store: ctx.store, checks: ctx.checks, limits: ctx.config.limits }, systemActor, readShippedStandards());
}
