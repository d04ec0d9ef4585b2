import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../errors.ts';
import { csvDelimiter, strictUtf8Text } from '../../attachments/text-formats.ts';
import { inflateWithinBudget } from '../../submissions/batch/zip-inflate.ts';
import { allColumns, headerKeys, type ClauseRow, type ClauseTable, type Column, type HeaderKey, type TableHeader } from './columns.ts';

/** The largest clause table file read (the largest shipped standard, IRRU-EPS, is some 200 KiB as CSV). */
export const maxTableBytes = 4 * 1024 * 1024;
/** The most rows below the column header (IRRU-EPS has 365). */
export const maxTableRows = 5000;
/** The longest cell (a requirement text, or a schema fragment). */
export const maxCellChars = 64 * 1024;

export type TableFormat = 'csv' | 'xlsx';

/** The sheet of a workbook that holds the table; the first sheet when none has this name. */
export const tableSheetName = 'clauses';

/**
 * Reads a clause table from a CSV or XLSX file, judged by its content: the header block (lines of
 * key, value) above a column header row starting with "clause", then one row per requirement. Row
 * numbers are those a spreadsheet shows (a CSV record spanning several lines is one row).
 */
export async function readTableFile(bytes: Uint8Array): Promise<{ format: TableFormat; table: ClauseTable }> {
  if (bytes.length > maxTableBytes) throw new DomainError('payload_too_large', `the clause table is ${bytes.length} bytes; at most ${maxTableBytes} are accepted`);
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed?.ext === 'xlsx') return { format: 'xlsx', table: interpret(await readXlsxGrid(bytes)) };
  const text = sniffed ? null : strictUtf8Text(bytes);
  if (text === null || text.trimStart().startsWith('<') || text.trimStart().startsWith('{')) {
    throw new DomainError('unsupported_media_type', 'a clause table must be a CSV (UTF-8) or XLSX file (judged by its content)');
  }
  return { format: 'csv', table: interpret(readCsvGrid(text)) };
}

type Grid = { row: number; cells: string[] }[];

function readCsvGrid(text: string): Grid {
  let records: string[][];
  try {
    records = parse(text, { delimiter: csvDelimiter(text) ?? ',', relax_column_count: true, skip_empty_lines: false, trim: true, bom: true, max_record_size: maxCellChars * 4 });
  } catch (error) {
    throw new DomainError('validation_failed', `the CSV file cannot be read: ${(error as Error).message}`, { errors: [{ row: 0, column: '', message: (error as Error).message }] });
  }
  if (records.length > maxTableRows + 40) throw tooMany(records.length);
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text).trim();
  return '';
}

async function readXlsxGrid(bytes: Uint8Array): Promise<Grid> {
  // exceljs is handed only what was inflated within the batch import's budget, never the compressed original.
  const unpacked = await inflateWithinBudget(bytes);
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('validation_failed', 'the XLSX file cannot be read', { errors: [{ row: 0, column: '', message: 'the XLSX file cannot be read' }] });
  }
  const sheet = workbook.getWorksheet(tableSheetName) ?? workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > maxTableRows + 40) throw tooMany(sheet.rowCount);
  const grid: Grid = [];
  sheet.eachRow((row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    grid.push({ row: number, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return grid;
}

function tooMany(count: number): DomainError {
  return new DomainError('payload_too_large', `the clause table has ${count} rows; at most ${maxTableRows} are accepted`);
}

function interpret(grid: Grid): ClauseTable {
  const header: TableHeader = {};
  const headerRows: Partial<Record<HeaderKey, number>> = {};
  const table: ClauseTable = { header, headerRows, columnsRow: 0, columns: [], rows: [] };
  const tooLong: { row: number; column: string }[] = [];
  for (const { row, cells } of grid) {
    if (cells.every((cell) => cell === '')) continue;
    if (table.columnsRow === 0) {
      const key = cells[0]!.toLowerCase();
      if (key === 'clause') {
        table.columnsRow = row;
        table.columns = cells.map((cell) => cell.toLowerCase());
      } else if (key !== '') {
        header[key as HeaderKey] = cells[1] ?? '';
        headerRows[key as HeaderKey] = row;
      }
      continue;
    }
    const values: ClauseRow['cells'] = {};
    cells.forEach((cell, i) => {
      const column = table.columns[i];
      if (cell === '' || column === undefined || !(allColumns as readonly string[]).includes(column)) return;
      if (cell.length > maxCellChars) tooLong.push({ row, column });
      else values[column as Column] = cell;
    });
    table.rows.push({ row, cells: values });
  }
  if (table.rows.length > maxTableRows) throw tooMany(table.rows.length);
  if (tooLong.length > 0) {
    const message = `the cell holds more than ${maxCellChars} characters`;
    throw new DomainError('validation_failed', 'the clause table has cells that are too long', { errors: tooLong.map((at) => ({ ...at, message })) });
  }
  return table;
}

/** The table as rows of cells: the header block, an empty row, the column header, then the rows. */
export function tableGrid(header: TableHeader, rows: readonly Partial<Record<Column, string>>[]): string[][] {
  const grid: string[][] = headerKeys.filter((key) => header[key] !== undefined).map((key) => [key, header[key]!]);
  grid.push([]);
  grid.push([...allColumns]);
  for (const row of rows) grid.push(allColumns.map((column) => row[column] ?? ''));
  return grid;
}

/** RFC 4180 CSV (UTF-8, CRLF) of the grid. */
export function writeCsv(grid: readonly string[][]): Buffer {
  const quote = (cell: string) => (/[",\r\n;\t]/.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from(grid.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** One extra sheet of a workbook (the template's instructions). */
export interface ExtraSheet {
  name: string;
  lines: string[][];
}

/** An XLSX workbook: the grid on the sheet "clauses" (header rows bold, columns frozen), then any extra sheets. Dates are fixed so the bytes are reproducible. */
export async function writeXlsx(grid: readonly string[][], extraSheets: readonly ExtraSheet[] = []): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  const fixed = new Date('2026-01-01T00:00:00Z');
  workbook.created = fixed;
  workbook.modified = fixed;
  workbook.creator = 'IR–RU conformity registry';
  const sheet = workbook.addWorksheet(tableSheetName);
  for (const row of grid) sheet.addRow(row.length > 0 ? row : ['']);
  const columnsRow = grid.findIndex((row) => row[0] === 'clause') + 1;
  if (columnsRow > 0) {
    sheet.getRow(columnsRow).font = { bold: true };
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: columnsRow }];
  }
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  for (const extra of extraSheets) {
    const other = workbook.addWorksheet(extra.name);
    for (const line of extra.lines) other.addRow(line);
    other.getColumn(1).width = 28;
    other.getColumn(2).width = 100;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
