import type { StandardRecord } from '../../../store/port.ts';
import type { Actor } from '../../accounts/actor.ts';
import { uploadStandard, type CatalogContext } from '../catalog.ts';
import { documentOf, type StandardDocument } from '../standard-document.ts';
import type { TableHeader } from './columns.ts';
import { standardToTable } from './standard-to-table.ts';
import { tableToStandard } from './table-to-standard.ts';
import { readTableFile, tableGrid, writeCsv, writeXlsx, type TableFormat } from './table-file.ts';

export { headerKeys, type TableHeader } from './columns.ts';
export type { TableProblem } from './problems.ts';
export { maxTableBytes, maxTableRows, type TableFormat } from './table-file.ts';
export { standardToTable } from './standard-to-table.ts';
export { tableToStandard } from './table-to-standard.ts';

/** A clause table file (CSV or XLSX) as a standard document; validation_failed lists every problem by row and column. */
export async function documentFromTableFile(bytes: Uint8Array, overrides: TableHeader = {}): Promise<{ format: TableFormat; document: StandardDocument }> {
  const { format, table } = await readTableFile(bytes);
  return { format, document: tableToStandard(table, overrides) };
}

/** Reads a clause table and stores the standard it describes as a draft, under uploadStandard's rules. */
export async function uploadClauseTable(ctx: CatalogContext, actor: Actor, bytes: Uint8Array, overrides: TableHeader = {}, requestId: string | null = null): Promise<StandardRecord> {
  const { document } = await documentFromTableFile(bytes, overrides);
  return uploadStandard(ctx, actor, document, requestId);
}

/** A stored standard as a clause table file, with how many rows needed the schema column or a JSON condition. */
export async function tableFileOf(record: StandardRecord | StandardDocument, format: TableFormat): Promise<{ bytes: Buffer; rows: number; escapeHatchRows: number; jsonConditionRows: number }> {
  const exported = standardToTable(documentOf(record as StandardRecord));
  const grid = tableGrid(exported.header, exported.rows);
  const bytes = format === 'csv' ? writeCsv(grid) : await writeXlsx(grid);
  return { bytes, rows: exported.rows.length, escapeHatchRows: exported.escapeHatchRows, jsonConditionRows: exported.jsonConditionRows };
}
