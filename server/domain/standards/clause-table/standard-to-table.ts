import { isDeepStrictEqual } from 'node:util';
import type { StandardDocument } from '../standard-document.ts';
import { formatList, formatValue, parseList, parseNumber, parseValue } from './cell-values.ts';
import { commonDefinitionBase, jsonTypes, textColumns, type Column, type TableHeader } from './columns.ts';
import { containsCell, countColumnsByKeyword, hasRuleCells, isCellText, isConditional, isObject, isTrilingual, numberColumnsByKeyword } from './export-predicates.ts';
import { conditionFields, formatCondition } from './conditions.ts';
import { decompileCondition } from './condition-schema.ts';
import { commonPrefix, formatFieldPath, isPathName, itemsSegment, samePath, type FieldPath } from './paths.ts';

type Cells = Partial<Record<Column, string>>;
type Node = Record<string, unknown>;

/** A standard as a clause table: the header block and the rows, and how many rows needed the schema column. */
export interface ExportedTable {
  header: TableHeader;
  rows: Cells[];
  /** Rows whose `schema` cell holds what no column can say. */
  escapeHatchRows: number;
  /** Rows whose `applies when` holds a condition written as JSON Schema. */
  jsonConditionRows: number;
}

interface Frame {
  parent: Frame | null;
  anchor: FieldPath;
  text: string;
  fields: FieldPath[];
  rows: OutRow[];
  children: Frame[];
}

interface OutRow {
  path: FieldPath;
  frame: Frame;
  cells: Cells;
}

const rootKeys = new Set(['$schema', '$id', 'title', 'description', 'x-mutual-recognition']);

/**
 * Writes a standard document as a clause table that tableToStandard turns back into a schema with the
 * same verdicts: one row per subschema that says something, conditions in the `applies when` syntax
 * where it can say them exactly, and what no column can say in the row's `schema` cell.
 */
export function standardToTable(document: StandardDocument): ExportedTable {
  const schema = document.schema;
  const header: TableHeader = {
    code: document.code,
    version: document.version,
    category: document.category,
    'title en': document.title.en,
    'title ru': document.title.ru,
    'title fa': document.title.fa,
  };
  if (Array.isArray(schema['x-mutual-recognition'])) header['mutual recognition'] = formatList(schema['x-mutual-recognition']);
  if (typeof schema.title === 'string') header['schema title'] = schema.title;
  if (typeof schema.description === 'string') header.description = schema.description;
  const root: Frame = { parent: null, anchor: [], text: '', fields: [], rows: [], children: [] };
  const out: OutRow[] = [];
  const rootNode = Object.fromEntries(Object.entries(schema).filter(([key]) => !rootKeys.has(key) || (key === '$schema' && schema.$schema !== 'https://json-schema.org/draft/2020-12/schema')));
  exportNode(rootNode, [], root, null, true, out);
  finishFrames(root);
  dropRepeatedTexts(out);
  const rows = out.map((row) => {
    const cells: Cells = { ...row.cells, path: formatFieldPath(row.path) };
    const when = frameChain(row.frame);
    if (when !== '') cells['applies when'] = when;
    return cells;
  });
  return {
    header,
    rows,
    escapeHatchRows: rows.filter((cells) => cells.schema !== undefined).length,
    jsonConditionRows: out.filter((row) => hasJsonCondition(row.frame)).length,
  };
}

function exportNode(node: Node, path: FieldPath, frame: Frame, flag: 'yes' | 'forbidden' | null, mustExist: boolean, out: OutRow[]): void {
  const cells: Cells = {};
  const leftover: Node = {};
  const conditionals: Node[] = [];
  const containsAll: unknown[] = [];
  const alwaysBlocks: Node[] = [];
  const keep = (key: string) => {
    leftover[key] = node[key];
  };
  let properties: [string, Node][] = [];
  let items: Node | null = null;
  let required: string[] = [];
  let forbidden: string[] = [];

  for (const [key, value] of Object.entries(node)) {
    switch (key) {
      case 'x-clause':
        if (isCellText(value)) cells.clause = value;
        else keep(key);
        break;
      case 'x-title':
      case 'x-requirement':
        if (!isTrilingual(node['x-title']) || !isTrilingual(node['x-requirement'])) keep(key);
        break;
      case 'x-source':
        if (isCellText(value) && !value.includes('\n') && !value.startsWith('[')) cells.source = value;
        else if (Array.isArray(value) && value.length > 1 && value.every((v) => isCellText(v) && !v.includes('\n'))) cells.source = value.join('\n');
        else if (Array.isArray(value) && value.every(isCellText)) cells.source = JSON.stringify(value);
        else keep(key);
        break;
      case 'x-unit':
        if (isCellText(value)) cells.unit = value;
        else keep(key);
        break;
      case 'x-illustrative':
        if (value === true) cells.illustrative = 'yes';
        else keep(key);
        break;
      case '$ref':
        if (typeof value === 'string' && value.startsWith(commonDefinitionBase) && /^[A-Za-z][A-Za-z0-9_-]*$/.test(value.slice(commonDefinitionBase.length))) cells['common definition'] = value.slice(commonDefinitionBase.length);
        else if (typeof value === 'string' && /^urn:irru:std:[^\s]+#/.test(value)) cells['common definition'] = value;
        else keep(key);
        break;
      case 'type':
        if (typeof value === 'string' && (jsonTypes as readonly string[]).includes(value)) cells.type = value;
        else if (Array.isArray(value) && value.length > 1 && value.every((t) => (jsonTypes as readonly unknown[]).includes(t))) cells.type = value.join(' | ');
        else keep(key);
        break;
      case 'enum':
        if (Array.isArray(value) && value.length > 0 && isDeepStrictEqual(parseList(formatList(value)), value)) cells.enum = formatList(value);
        else keep(key);
        break;
      case 'const':
        if (isDeepStrictEqual(parseValue(formatValue(value)), value)) cells.const = formatValue(value);
        else keep(key);
        break;
      case 'pattern':
      case 'format':
        if (isCellText(value)) cells[key] = value;
        else keep(key);
        break;
      case 'uniqueItems':
        if (typeof value === 'boolean') cells['unique items'] = value ? 'yes' : 'no';
        else keep(key);
        break;
      case 'contains':
        if (isObject(value) && containsCell(value) !== null) cells.contains = containsCell(value)!;
        else keep(key);
        break;
      case 'allOf': {
        const rest: unknown[] = [];
        for (const member of Array.isArray(value) ? value : []) {
          if (isConditional(member)) conditionals.push(member);
          else if (isObject(member) && Object.keys(member).length === 1 && isObject(member.contains) && Object.keys(member.contains).length === 1 && 'const' in member.contains && isDeepStrictEqual(parseValue(formatValue(member.contains.const)), member.contains.const)) containsAll.push(member.contains.const);
          else if (isObject(member)) alwaysBlocks.push(member);
          else rest.push(member);
        }
        if (!Array.isArray(value)) keep(key);
        else if (rest.length > 0) leftover.allOf = rest;
        break;
      }
      case 'if':
      case 'then':
      case 'else':
        break;
      case 'additionalProperties':
        if (value === false) cells.closed = 'yes';
        else keep(key);
        break;
      case 'unevaluatedProperties':
        if (value === false && node.additionalProperties !== false) cells.closed = 'unevaluated';
        else keep(key);
        break;
      case 'properties':
        if (isObject(value) && Object.entries(value).every(([name, child]) => isPathName(name) && isObject(child))) properties = Object.entries(value) as [string, Node][];
        else keep(key);
        break;
      case 'required':
        if (Array.isArray(value) && value.every((name) => typeof name === 'string' && isPathName(name)) && new Set(value).size === value.length) required = value as string[];
        else keep(key);
        break;
      case 'not':
        if (isObject(value) && Object.keys(value).length === 1 && Array.isArray(value.required) && value.required.length === 1 && typeof value.required[0] === 'string' && isPathName(value.required[0])) forbidden = [value.required[0]];
        else if (isObject(value) && Object.keys(value).length === 1 && isObject(value.contains) && containsCell(value.contains) !== null) cells['contains none'] = containsCell(value.contains)!;
        else keep(key);
        break;
      case 'items':
        if (isObject(value)) items = value;
        else keep(key);
        break;
      default:
        if (key in numberColumnsByKeyword && typeof value === 'number' && parseNumber(String(value)) === value) cells[numberColumnsByKeyword[key]!] = String(value);
        else if (key in countColumnsByKeyword && Number.isSafeInteger(value) && (value as number) >= 0) cells[countColumnsByKeyword[key]!] = String(value);
        else keep(key);
    }
  }
  if (isTrilingual(node['x-title']) && isTrilingual(node['x-requirement']) && cells.clause !== undefined) {
    const title = node['x-title'];
    const requirement = node['x-requirement'];
    Object.assign(cells, {
      'title en': title.en, 'title ru': title.ru, 'title fa': title.fa,
      'requirement en': requirement.en, 'requirement ru': requirement.ru, 'requirement fa': requirement.fa,
    });
  } else {
    for (const key of ['x-title', 'x-requirement']) if (key in node) keep(key);
  }
  if ('if' in node) {
    if (isConditional({ if: node.if, ...('then' in node ? { then: node.then } : {}), ...('else' in node ? { else: node.else } : {}) })) conditionals.unshift({ if: node.if, then: node.then, else: node.else });
    else for (const key of ['if', 'then', 'else']) if (key in node) keep(key);
  } else {
    for (const key of ['then', 'else']) if (key in node) keep(key);
  }
  if (containsAll.length > 0) cells['contains all'] = formatList(containsAll);
  if (flag) cells.required = flag;

  const hasChildren = properties.length > 0 || items !== null || conditionals.length > 0 || alwaysBlocks.length > 0 || required.length > 0 || forbidden.length > 0;
  if (Object.keys(leftover).length > 0) cells.schema = JSON.stringify(leftover);
  else if (mustExist && !hasChildren && !hasRuleCells(cells)) cells.schema = '{}';
  if (Object.keys(cells).length > 0 || (path.length === 0 && frame.parent === null)) pushRow(out, frame, path, cells);

  const named = new Set(properties.map(([name]) => name));
  for (const [name, child] of properties) {
    const childFlag = required.includes(name) ? 'yes' : forbidden.includes(name) ? 'forbidden' : null;
    exportNode(child, [...path, name], frame, childFlag, true, out);
  }
  for (const name of required.filter((n) => !named.has(n))) pushRow(out, frame, [...path, name], { required: 'yes' });
  for (const name of forbidden.filter((n) => !named.has(n))) pushRow(out, frame, [...path, name], { required: 'forbidden' });
  if (items) exportNode(items, [...path, itemsSegment], frame, null, true, out);
  for (const member of alwaysBlocks) exportNode(member, path, newFrame(frame, path, 'always', []), null, false, out);
  for (const conditional of conditionals) exportConditional(conditional, path, frame, out);
}

function pushRow(out: OutRow[], frame: Frame, path: FieldPath, cells: Cells): void {
  const row = { path, frame, cells };
  out.push(row);
  frame.rows.push(row);
}

function exportConditional(conditional: Node, path: FieldPath, frame: Frame, out: OutRow[]): void {
  const condition = decompileCondition(conditional.if, path);
  const text = condition ? formatCondition(condition) : JSON.stringify(conditional.if);
  const fields = condition ? conditionFields(condition) : [];
  if (isObject(conditional.then)) exportNode(conditional.then, path, newFrame(frame, path, text, fields), null, false, out);
  if (isObject(conditional.else)) {
    const elseText = condition ? formatCondition({ kind: 'not', item: condition }) : `not ${text}`;
    exportNode(conditional.else, path, newFrame(frame, path, elseText, fields), null, false, out);
  }
}

function newFrame(parent: Frame, anchor: FieldPath, text: string, fields: FieldPath[]): Frame {
  const frame: Frame = { parent, anchor, text, fields, rows: [], children: [] };
  parent.children.push(frame);
  return frame;
}

/** Writes @anchor where tableToStandard would place a block elsewhere, and #N on equal sibling blocks. */
function finishFrames(frame: Frame): void {
  for (const child of frame.children) finishFrames(child);
  frame.children = frame.children.filter((child) => child.rows.length > 0 || child.children.length > 0);
  if (frame.parent) {
    const placed = commonPrefix([...frame.fields.map((f) => f.slice(0, -1)), ...frame.rows.map((r) => r.path), ...frame.children.map((c) => c.anchor)]);
    if (!samePath(placed, frame.anchor)) frame.text = `@${formatFieldPath(frame.anchor)}: ${frame.text}`;
  }
  const seen = new Map<string, number>();
  for (const child of frame.children) {
    const count = (seen.get(child.text) ?? 0) + 1;
    seen.set(child.text, count);
    if (count > 1) child.text = `${child.text} #${count}`;
  }
}

function frameChain(frame: Frame): string {
  const texts: string[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) texts.unshift(f.text);
  return texts.join(' ; ');
}

function hasJsonCondition(frame: Frame): boolean {
  for (let f: Frame | null = frame; f?.parent; f = f.parent) if (/(^|[:;(]\s*|not\s+)\{/.test(f.text.replace(/^@[^:]+:\s*/, ''))) return true;
  return false;
}

/** A clause's texts are written once, on the row that defines it; repeats with the same texts leave them empty. */
function dropRepeatedTexts(rows: OutRow[]): void {
  const first = new Map<string, Cells>();
  for (const row of rows) {
    const clause = row.cells.clause;
    if (clause === undefined || row.cells['title en'] === undefined) continue;
    const defining = first.get(clause);
    if (!defining) first.set(clause, row.cells);
    else if (textColumns.every((column) => defining[column] === row.cells[column])) for (const column of textColumns) delete row.cells[column];
  }
}
