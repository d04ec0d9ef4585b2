import { parseList } from './cell-values.ts';
import { allColumns, headerKeys, requiredColumns, type ClauseTable, type HeaderKey, type TableHeader } from './columns.ts';
import type { ProblemList } from './problems.ts';

/** The checks of a clause table's layout (header block and column row), before any requirement row is read. */

const headerPatterns: Partial<Record<HeaderKey, [RegExp, string]>> = {
  code: [/^[A-Z][A-Z0-9-]{1,39}$/, 'capital letters, digits and hyphens, such as IRRU-UE'],
  version: [/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.1.0'],
  category: [/^[a-z][a-z0-9-]{1,63}$/, 'lower-case letters, digits and hyphens, such as mobile-ue'],
};

/** The column header row: every required column there, none unknown or twice. */
export function checkColumns(table: ClauseTable, problems: ProblemList): void {
  if (table.columnsRow === 0) {
    problems.add(1, 'clause', 'the table has no column header row (a row whose first cell is "clause")');
    return;
  }
  for (const column of requiredColumns) if (!table.columns.includes(column)) problems.add(table.columnsRow, column, `the column "${column}" is missing`);
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (column === '') continue;
    if (!(allColumns as readonly string[]).includes(column)) problems.add(table.columnsRow, column, `unknown rule "${column}": the columns are ${allColumns.join(', ')}`);
    else if (seen.has(column)) problems.add(table.columnsRow, column, `the column "${column}" appears twice`);
    seen.add(column);
  }
}

/** The header block: code, version, category and the three titles well formed, mutual recognition IR | RU, no unknown line. */
export function checkHeader(table: ClauseTable, header: TableHeader, problems: ProblemList): void {
  const at = (key: HeaderKey) => table.headerRows[key] ?? Math.max(1, table.columnsRow);
  for (const key of ['code', 'version', 'category', 'title en', 'title ru', 'title fa'] as const) {
    const value = header[key];
    if (value === undefined || value === '') {
      problems.add(at(key), key, `the standard's ${key} is missing: add a "${key}" line above the column header`);
      continue;
    }
    const pattern = headerPatterns[key];
    if (pattern && !pattern[0].test(value)) problems.add(at(key), key, `"${value}" is not a valid ${key}: ${pattern[1]}`);
  }
  const recognition = header['mutual recognition'];
  if (recognition !== undefined) {
    const values = parseList(recognition);
    if (values.length < 2 || new Set(values).size !== values.length || values.some((v) => v !== 'IR' && v !== 'RU')) {
      problems.add(at('mutual recognition'), 'mutual recognition', 'write the jurisdictions that accept each other\'s certificates: IR | RU');
    }
  }
  for (const key of Object.keys(table.header)) if (!(headerKeys as readonly string[]).includes(key)) problems.add(at(key as HeaderKey), key, `unknown header line "${key}"`);
}
