import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../errors.ts';
import { csvDelimiter, strictUtf8Text } from '../../attachments/text-formats.ts';
import { inflateWithinBudget } from './zip-inflate.ts';

/** The most products one batch may hold. */
export const maxBatchRows = 500;

/**
 * One product row: its number as the user sees it (sheet row or file line) and its values as the file
 * holds them (CSV: text; XLSX: text, numbers, booleans; JSON lines: any JSON), keyed by column or key.
 */
export interface BatchRow {
  row: number;
  values: Record<string, unknown>;
}

export interface BatchFile {
  format: 'csv' | 'xlsx' | 'jsonl';
  rows: BatchRow[];
}

function tooMany(count: number): DomainError {
  return new DomainError('payload_too_large', `the batch has ${count} rows; at most ${maxBatchRows} are accepted per file`);
}

function readCsv(text: string): BatchRow[] {
  const delimiter = csvDelimiter(text) ?? ',';
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, columns: true, skip_empty_lines: true, relax_column_count: false, info: true, trim: true });
  } catch (error) {
    throw new DomainError('validation_failed', `the CSV file cannot be read: ${(error as Error).message}`);
  }
  if (records.length > maxBatchRows) throw tooMany(records.length);
  return records.map(({ record, info }) => ({
    row: info.lines,
    values: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === '' ? undefined : value])),
  }));
}

function readJsonLines(text: string): BatchRow[] | null {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: line.trim(), row: i + 1 })).filter(({ line }) => line !== '');
  if (lines.length === 0 || !lines.every(({ line }) => line.startsWith('{'))) return null;
  if (lines.length > maxBatchRows) throw tooMany(lines.length);
  return lines.map(({ line, row }) => {
    try {
      const values = JSON.parse(line) as unknown;
      if (values && typeof values === 'object' && !Array.isArray(values)) return { row, values: values as Record<string, unknown> };
    } catch {
      // reported below as a row that is not a JSON object
    }
    return { row, values: { __invalid: `line ${row} is not a JSON object` } };
  });
}

/** A cell's value: text, numbers and booleans as they are, dates as ISO text, rich text and formulas by their text or result. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  return undefined;
}

async function readXlsx(bytes: Uint8Array): Promise<BatchRow[]> {
  // exceljs is handed only what was inflated within the budget, never the compressed original.
  const unpacked = await inflateWithinBudget(bytes);
  // Loaded on the first XLSX batch: exceljs is some 150 modules that every start-up (and test file) would pay for.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('validation_failed', 'the XLSX file cannot be read');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) return [];
  if (sheet.rowCount - 1 > maxBatchRows) throw tooMany(sheet.rowCount - 1);
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((cell) => (cell === null || cell === undefined ? undefined : String(cellValue(cell) ?? '')));
  const rows: BatchRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: Record<string, unknown> = {};
    row.eachCell((cell, column) => {
      const name = header[column];
      if (name) values[name] = cellValue(cell.value);
    });
    if (Object.values(values).some((v) => v !== undefined)) rows.push({ row: number, values });
  });
  return rows;
}

/**
 * Reads a batch file by its content: XLSX (first sheet, header in row 1), JSON lines (one object per line,
 * nested or with dotted keys), or CSV (header row; comma, semicolon or tab). Anything else is refused with
 * unsupported_media_type; more than `maxBatchRows` products with payload_too_large.
 */
export async function readBatchFile(bytes: Uint8Array): Promise<BatchFile> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed?.ext === 'xlsx') return { format: 'xlsx', rows: await readXlsx(bytes) };
  const text = sniffed ? null : strictUtf8Text(bytes);
  if (text === null || text.trimStart().startsWith('<')) {
    throw new DomainError('unsupported_media_type', 'a batch file must be CSV, XLSX or JSON lines (judged by its content)');
  }
  const jsonLines = readJsonLines(text);
  return jsonLines ? { format: 'jsonl', rows: jsonLines } : { format: 'csv', rows: readCsv(text) };
}
