import type { ClauseInfo, ConformanceEngine } from '../../../domain/conformance/index.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { identityClauses } from '../../../domain/submissions/certifiable.ts';
import { referencedSchemas } from '../../../domain/standards/references.ts';
import type { StandardRecord, StandardReader } from '../../../store/port.ts';
import { prepareFormSchema, type FormSchema } from '../schema-form/index.ts';

/** What the vendor pages need of one standard version: the form's schema and the clause index. */
export interface StandardForm {
  record: StandardRecord;
  form: FormSchema;
  clauses: ClauseInfo[];
}

/** Standard versions are immutable once published: prepared forms are kept for the most recently used. */
const cacheSize = 16;
const cache = new Map<string, Omit<StandardForm, 'record'>>();

/** The prepared form and clause index of a standard version (references resolved through the published standards). */
export async function standardFormOf(standards: StandardReader, engine: ConformanceEngine, record: StandardRecord): Promise<StandardForm> {
  const key = `${record.code}@${record.version}#${record.contentHash}`;
  let prepared = cache.get(key);
  if (prepared) {
    cache.delete(key);
  } else {
    const referenced = await referencedSchemas(standards, record.schema);
    prepared = { form: prepareFormSchema(record.schema, referenced), clauses: engine.clauseIndex(record.schema, referenced) };
  }
  cache.set(key, prepared);
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  return { record, ...prepared };
}

/** True when certificates can be issued under the standard (it checks identification and target markets). */
export function canCertifyUnder(record: StandardRecord): boolean {
  try {
    identityClauses(record);
    return true;
  } catch (error) {
    if (isDomainError(error, 'not_certifiable')) return false;
    throw error;
  }
}

/** "CODE@VERSION" as the standard choice of the forms carries it, or null. */
export function parseStandardChoice(value: unknown): { code: string; version: string } | null {
  if (typeof value !== 'string') return null;
  const match = /^([A-Z][A-Z0-9-]{1,39})@([0-9A-Za-z.+-]{1,64})$/.exec(value);
  return match ? { code: match[1]!, version: match[2]! } : null;
}
