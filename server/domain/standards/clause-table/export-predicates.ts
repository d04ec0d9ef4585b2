import { isDeepStrictEqual } from 'node:util';
import { formatList, formatValue, parseList, parseValue } from './cell-values.ts';
import { countColumns, numberColumns, type Column } from './columns.ts';

type Cells = Partial<Record<Column, string>>;
type Node = Record<string, unknown>;

/** What the exporter asks of a schema node and its cells: which column a keyword fills, and which values a cell can hold. */

export const numberColumnsByKeyword = Object.fromEntries(Object.entries(numberColumns).map(([column, keyword]) => [keyword, column])) as Record<string, Column>;
export const countColumnsByKeyword = Object.fromEntries(Object.entries(countColumns).map(([column, keyword]) => [keyword, column])) as Record<string, Column>;

/** The cell for `contains: { const }` or `contains: { enum: [two or more] }`, or null. */
export function containsCell(value: Node): string | null {
  if (Object.keys(value).length !== 1) return null;
  if ('const' in value && isDeepStrictEqual(parseValue(formatValue(value.const)), value.const)) return formatValue(value.const);
  if (Array.isArray(value.enum) && value.enum.length > 1 && isDeepStrictEqual(parseList(formatList(value.enum)), value.enum)) return formatList(value.enum);
  return null;
}

export function hasRuleCells(cells: Cells): boolean {
  return Object.keys(cells).some((column) => column !== 'required');
}

export function isConditional(value: unknown): value is Node {
  if (!isObject(value) || !('if' in value) || !isObject(value.if)) return false;
  const keys = Object.keys(value);
  return keys.every((key) => key === 'if' || key === 'then' || key === 'else') && (isObject(value.then) || isObject(value.else)) && (!('then' in value) || value.then === undefined || isObject(value.then)) && (!('else' in value) || value.else === undefined || isObject(value.else));
}

export function isTrilingual(value: unknown): value is { en: string; ru: string; fa: string } {
  return isObject(value) && Object.keys(value).length === 3 && ['en', 'ru', 'fa'].every((language) => isCellText(value[language]));
}

/** Text a cell can hold and give back unchanged (cells are read trimmed, and an empty cell is no value). */
export function isCellText(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.trim() === value;
}

export function isObject(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
