import type { Jurisdiction } from '../../../store/port.ts';
import { DomainError, isDomainError } from '../../errors.ts';
import { authorize } from '../../policies/index.ts';
import { resolveCheckableStandard } from '../../standards/lookup.ts';
import { assertWellFormedText } from '../../text/well-formed.ts';
import { createSubmission, type NewSubmission } from '../create.ts';
import type { ActingUser, SubmissionContext } from '../submission-context.ts';
import { readBatchFile, type BatchFile, type BatchRow } from './batch-file.ts';
import { parseCell, unflatten } from './flat-values.ts';

/** What applies to every row unless the row says otherwise. */
export interface BatchDefaults {
  standard: string;
  version?: string;
  jurisdictions?: Jurisdiction[];
}

export type BatchRowResult =
  | { row: number; status: 'created'; id: string; submissionStatus: string; conforms: boolean }
  | { row: number; status: 'failed'; code: string; detail: string; errors?: unknown };

export interface BatchResult {
  format: 'csv' | 'xlsx' | 'jsonl';
  created: number;
  failed: number;
  rows: BatchRowResult[];
}

/** Validates one assembled row (the HTTP edge passes its JSON Schema validation of new-submission). */
export type ValidateSubmission = (value: unknown) => NewSubmission;

/** Columns whose cells are always text: the product block, jurisdictions and the spec's identification (identifiers such as an HS code 8517 or a model 7 stay text). */
const textColumns = ['product.', 'jurisdictions.', 'spec.identification.'];

/**
 * A spreadsheet cell as the JSON value it stands for: the text columns above stay text (a jurisdictions cell
 * may list several: "IR,RU"); other text is parsed when it looks like JSON.
 */
function typedCell(path: string, value: unknown): unknown {
  if (path === 'jurisdictions' && typeof value === 'string') return value.split(/[\s,;]+/).filter(Boolean);
  if (textColumns.some((prefix) => path.startsWith(prefix))) return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  return typeof value === 'string' ? parseCell(value) : value;
}

function assemble(row: BatchRow, format: BatchFile['format'], defaults: BatchDefaults): unknown {
  if ('__invalid' in row.values) throw new DomainError('validation_failed', String(row.values.__invalid));
  const values = format === 'jsonl' ? row.values : Object.fromEntries(Object.entries(row.values).map(([path, value]) => [path, typedCell(path, value)]));
  const nested = unflatten(values);
  return { jurisdictions: defaults.jurisdictions, ...nested, standard: defaults.standard, ...(defaults.version ? { version: defaults.version } : {}) };
}

async function importRow(ctx: SubmissionContext, acting: ActingUser, file: BatchFile, row: BatchRow, defaults: BatchDefaults, validate: ValidateSubmission): Promise<BatchRowResult> {
  try {
    const assembled = assemble(row, file.format, defaults);
    // A lone surrogate (a JSON-lines string or a JSON-looking cell) fails the row, naming its pointer.
    assertWellFormedText(assembled);
    const input = validate(assembled);
    const { submission, revision } = await createSubmission(ctx, acting, input);
    return { row: row.row, status: 'created', id: submission.id, submissionStatus: submission.status, conforms: revision.conforms };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { row: row.row, status: 'failed', code: error.code, detail: error.message, ...(error.details.errors ? { errors: error.details.errors } : {}) };
  }
}

/**
 * Creates one draft submission per row of a CSV, XLSX or JSON-lines file. The standard must be checkable
 * before any row is read. Each valid row is created in its own transaction (with its audit event); a row
 * that fails is reported with its row number and reason and leaves nothing behind. Rows are independent:
 * one bad row does not stop the others.
 */
export async function importBatch(ctx: SubmissionContext, acting: ActingUser, defaults: BatchDefaults, bytes: Uint8Array, validate: ValidateSubmission): Promise<BatchResult> {
  authorize(acting.actor, 'submission.import');
  await resolveCheckableStandard(ctx.store, defaults.standard, defaults.version);
  const file = await readBatchFile(bytes);
  if (file.rows.length === 0) throw new DomainError('validation_failed', 'the batch file has no product rows');
  const rows: BatchRowResult[] = [];
  for (const row of file.rows) rows.push(await importRow(ctx, acting, file, row, defaults, validate));
  const created = rows.filter((r) => r.status === 'created').length;
  return { format: file.format, created, failed: rows.length - created, rows };
}
