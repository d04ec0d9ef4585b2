import { parseCount, parseList, parseNumber, parseValue, parseYesNo } from './cell-values.ts';
import { commonDefinitionBase, countColumns, jsonTypes, numberColumns, textColumns, type ClauseRow, type Column } from './columns.ts';
import type { ProblemList } from './problems.ts';

/** A schema node being built. */
export type SchemaNode = Record<string, unknown>;

/** The clause texts of a row: the six text cells, or those of the row that defines its clause. */
export interface ClauseTexts {
  title: { en: string; ru: string; fa: string };
  requirement: { en: string; ru: string; fa: string };
}

/** True when the row says something about its field beyond "required" (so the field gets a subschema). */
export function hasRules(row: ClauseRow): boolean {
  return Object.entries(row.cells).some(([column, value]) => value !== undefined && !['path', 'applies when', 'required'].includes(column));
}

/**
 * Writes the rule and annotation cells of `row` onto `node` as JSON Schema keywords, adding a problem
 * for each cell that cannot be read. `texts` are the clause's titles and requirements.
 */
export function applyRowRules(node: SchemaNode, row: ClauseRow, texts: ClauseTexts | null, problems: ProblemList): void {
  const cells = row.cells;
  const problem = (column: Column, message: string) => problems.add(row.row, column, message);
  const set = (column: Column, keyword: string, value: unknown) => {
    if (Object.hasOwn(node, keyword)) problem(column, `${keyword} is given twice for this field under the same condition`);
    else node[keyword] = value;
  };
  if (cells.clause !== undefined) {
    set('clause', 'x-clause', cells.clause);
    if (texts) {
      set('title en', 'x-title', texts.title);
      set('requirement en', 'x-requirement', texts.requirement);
    }
  }
  if (cells.source !== undefined) set('source', 'x-source', readSource(cells.source));
  if (cells.unit !== undefined) set('unit', 'x-unit', cells.unit);
  if (cells.illustrative !== undefined) {
    const yes = parseYesNo(cells.illustrative);
    if (yes === undefined) problem('illustrative', 'write yes or no');
    else if (yes) set('illustrative', 'x-illustrative', true);
  }
  const common = cells['common definition'];
  if (common !== undefined) {
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(common)) set('common definition', '$ref', commonDefinitionBase + common);
    else if (/^urn:irru:std:[^\s]+#/.test(common)) set('common definition', '$ref', common);
    else problem('common definition', `"${common}" is not the name of a common definition (such as testReport) nor a urn:irru:std: reference`);
  }
  if (cells.type !== undefined) {
    const types = cells.type.split('|').map((t) => t.trim());
    const unknown = types.filter((t) => !(jsonTypes as readonly string[]).includes(t));
    if (unknown.length > 0) problem('type', `unknown type ${unknown.map((t) => `"${t}"`).join(', ')}; use ${jsonTypes.join(', ')}`);
    else set('type', 'type', types.length === 1 ? types[0] : types);
  }
  if (cells.enum !== undefined) set('enum', 'enum', parseList(cells.enum));
  if (cells.const !== undefined) set('const', 'const', parseValue(cells.const));
  for (const [column, keyword] of Object.entries(numberColumns) as [Column, string][]) {
    const text = cells[column];
    if (text === undefined) continue;
    const value = parseNumber(text);
    if (value === undefined) problem(column, `"${text}" is not a number`);
    else set(column, keyword, value);
  }
  if (cells.pattern !== undefined) {
    try {
      new RegExp(cells.pattern, 'u');
      set('pattern', 'pattern', cells.pattern);
    } catch {
      problem('pattern', `"${cells.pattern}" is not a valid regular expression`);
    }
  }
  if (cells.format !== undefined) set('format', 'format', cells.format);
  for (const [column, keyword] of Object.entries(countColumns) as [Column, string][]) {
    const text = cells[column];
    if (text === undefined) continue;
    const value = parseCount(text);
    if (value === undefined) problem(column, `"${text}" is not a whole number of zero or more`);
    else set(column, keyword, value);
  }
  if (cells['unique items'] !== undefined) {
    const yes = parseYesNo(cells['unique items']);
    if (yes === undefined) problem('unique items', 'write yes or no');
    else set('unique items', 'uniqueItems', yes);
  }
  if (cells.contains !== undefined) {
    const values = parseList(cells.contains);
    set('contains', 'contains', values.length === 1 ? { const: values[0] } : { enum: values });
  }
  if (cells['contains all'] !== undefined) {
    node.allOf = [...((node.allOf as unknown[] | undefined) ?? []), ...parseList(cells['contains all']).map((value) => ({ contains: { const: value } }))];
  }
  if (cells['contains none'] !== undefined) {
    const values = parseList(cells['contains none']);
    set('contains none', 'not', { contains: values.length === 1 ? { const: values[0] } : { enum: values } });
  }
  if (cells.closed !== undefined) {
    const word = cells.closed.trim().toLowerCase();
    if (word === 'yes' || word === 'true') set('closed', 'additionalProperties', false);
    else if (word === 'unevaluated') set('closed', 'unevaluatedProperties', false);
    else if (parseYesNo(word) !== false) problem('closed', 'write yes (no other properties), unevaluated (none beyond those the schema evaluates) or no');
  }
  if (cells.schema !== undefined) mergeEscapeHatch(node, row, cells.schema, problems);
}

function readSource(text: string): string | string[] {
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
    } catch {
      // one source that starts with a bracket
    }
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.length > 1 ? lines : text;
}

/** The `schema` column: a JSON Schema fragment whose keywords join the row's (only for what no column writes). */
function mergeEscapeHatch(node: SchemaNode, row: ClauseRow, text: string, problems: ProblemList): void {
  let fragment: unknown;
  try {
    fragment = JSON.parse(text);
  } catch {
    problems.add(row.row, 'schema', 'is not JSON (write a JSON object holding JSON Schema keywords)');
    return;
  }
  if (!fragment || typeof fragment !== 'object' || Array.isArray(fragment)) {
    problems.add(row.row, 'schema', 'must be a JSON object holding JSON Schema keywords');
    return;
  }
  for (const [keyword, value] of Object.entries(fragment)) {
    if (keyword === 'allOf' && Array.isArray(value) && Array.isArray(node.allOf)) node.allOf = [...(node.allOf as unknown[]), ...value];
    else if (Object.hasOwn(node, keyword)) problems.add(row.row, 'schema', `${keyword} is also written by another column of this row`);
    else node[keyword] = value;
  }
}

/** The clause texts a row gives, or the problems with them; null when the row gives none. */
export function readTexts(row: ClauseRow, problems: ProblemList): ClauseTexts | null {
  const given = textColumns.filter((column) => row.cells[column] !== undefined);
  if (given.length === 0) return null;
  for (const column of textColumns) if (row.cells[column] === undefined) problems.add(row.row, column, `the ${describe(column)} is missing (every clause is written in English, Russian and Persian)`);
  const text = (column: (typeof textColumns)[number]) => row.cells[column] ?? '';
  return {
    title: { en: text('title en'), ru: text('title ru'), fa: text('title fa') },
    requirement: { en: text('requirement en'), ru: text('requirement ru'), fa: text('requirement fa') },
  };
}

function describe(column: string): string {
  const [what, language] = column.split(' ');
  return `${what} in ${{ en: 'English', ru: 'Russian', fa: 'Persian' }[language as 'en' | 'ru' | 'fa']}`;
}
