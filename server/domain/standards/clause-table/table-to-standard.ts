import type { StandardDocument } from '../standard-document.ts';
import { standardIdOf } from '../standard-id.ts';
import { parseList, parseYesNo } from './cell-values.ts';
import type { ClauseRow, ClauseTable, TableHeader } from './columns.ts';
import { checkColumns, checkHeader } from './table-layout-checks.ts';
import { conditionFields, ConditionSyntaxError, parseAppliesWhen, type ConditionBlock } from './conditions.ts';
import { compileCondition } from './condition-schema.ts';
import { commonPrefix, formatFieldPath, itemsSegment, parseFieldPath, startsWith, type FieldPath } from './paths.ts';
import { ProblemList } from './problems.ts';
import { applyRowRules, hasRules, readTexts, type ClauseTexts, type SchemaNode } from './row-rules.ts';

/** A block of rows that share a condition: one `if`/`then` of the generated schema. */
interface Block {
  key: string;
  parent: Block | null;
  condition: ConditionBlock | null;
  anchor: FieldPath;
  rows: ParsedRow[];
  children: Block[];
  /** The `then` subschema, once placed; the root block's is the schema itself. */
  node: SchemaNode | null;
  firstRow: number;
}

interface ParsedRow {
  source: ClauseRow;
  path: FieldPath;
  block: Block;
  required: 'yes' | 'forbidden' | null;
}

/**
 * Turns a clause table into a draft standard document, or throws validation_failed with every problem
 * of the table listed by row and column (details.errors). `overrides` (CLI flags, form fields) take
 * precedence over the table's header block. The document still has to pass uploadStandard's rules
 * (limits, $id, strict compile) when it is stored.
 */
export function tableToStandard(table: ClauseTable, overrides: TableHeader = {}): StandardDocument {
  const problems = new ProblemList();
  checkColumns(table, problems);
  problems.throwIfAny();
  const header: TableHeader = { ...table.header, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined && v !== '')) };
  checkHeader(table, header, problems);
  const root = rootBlock();
  const rows = table.rows.map((row) => parseRow(row, root, problems)).filter((row): row is ParsedRow => row !== null);
  const texts = clauseTexts(rows, problems);
  const duplicates = checkClashes(rows, problems);
  placeAnchors(root, problems);
  checkConditionFields(root, rows, problems);
  // Built even when problems were found, so that the cells' own problems are listed too.
  const schema = buildSchema(header, root, rows, texts, duplicates, problems);
  problems.throwIfAny();
  return {
    code: header.code!,
    version: header.version!,
    category: header.category!,
    title: { en: header['title en']!, ru: header['title ru']!, fa: header['title fa']! },
    schema,
  };
}

function rootBlock(): Block {
  return { key: '', parent: null, condition: null, anchor: [], rows: [], children: [], node: null, firstRow: 0 };
}

function parseRow(row: ClauseRow, root: Block, problems: ProblemList): ParsedRow | null {
  const pathText = row.cells.path;
  const path = pathText === undefined ? null : parseFieldPath(pathText);
  if (pathText === undefined) problems.add(row.row, 'path', 'the path is missing (the field the rule is about, such as radio.bands[].maxPower, or $ for the whole spec)');
  else if (!path) problems.add(row.row, 'path', `"${pathText}" is not a field path (names joined by dots, [] for each item of an array, $ for the whole spec)`);
  let block = root;
  const when = row.cells['applies when'];
  if (when !== undefined) {
    try {
      for (const condition of parseAppliesWhen(when)) block = childBlock(block, condition, row.row);
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error;
      problems.add(row.row, 'applies when', `cannot read the condition: ${error.message}`);
      return null;
    }
  }
  const requiredText = row.cells.required?.trim().toLowerCase();
  let required: ParsedRow['required'] = null;
  if (requiredText === 'forbidden') required = 'forbidden';
  else if (requiredText !== undefined) {
    const yes = parseYesNo(requiredText);
    if (yes === undefined) problems.add(row.row, 'required', 'write yes, no or forbidden');
    else if (yes) required = 'yes';
  }
  if (!path) return null;
  if (required && (path.length === 0 || path[path.length - 1] === itemsSegment)) {
    problems.add(row.row, 'required', 'only a named field can be required or forbidden, not $ or an array item');
    required = null;
  }
  const parsed: ParsedRow = { source: row, path, block, required };
  block.rows.push(parsed);
  return parsed;
}

function childBlock(parent: Block, condition: ConditionBlock, row: number): Block {
  const existing = parent.children.find((child) => child.key === condition.key);
  if (existing) return existing;
  const block: Block = { key: condition.key, parent, condition, anchor: [], rows: [], children: [], node: null, firstRow: row };
  parent.children.push(block);
  return block;
}

/** Each clause's texts: from the row that gives them (the first such row defines the clause); rows that repeat a clause may leave them empty. */
function clauseTexts(rows: ParsedRow[], problems: ProblemList): Map<ParsedRow, ClauseTexts | null> {
  const defined = new Map<string, ClauseTexts>();
  const given = new Map<ParsedRow, ClauseTexts | null>();
  for (const row of rows) {
    const texts = readTexts(row.source, problems);
    const clause = row.source.cells.clause;
    if (texts && clause === undefined) problems.add(row.source.row, 'clause', 'the row has a title or requirement but no clause id');
    if (texts && clause !== undefined && !defined.has(clause)) defined.set(clause, texts);
    given.set(row, texts);
  }
  for (const row of rows) {
    const clause = row.source.cells.clause;
    if (clause === undefined || given.get(row)) continue;
    const texts = defined.get(clause);
    if (texts) given.set(row, texts);
    else problems.add(row.source.row, 'title en', `clause ${clause} has no title and requirement on any row: write them in English, Russian and Persian`);
  }
  return given;
}

/** Two rows about the same field under the same condition, or a field below one typed as neither object nor array. */
function checkClashes(rows: ParsedRow[], problems: ProblemList): Set<ParsedRow> {
  const duplicates = new Set<ParsedRow>();
  const byBlock = new Map<Block, Map<string, ParsedRow>>();
  const typed = new Map<string, ParsedRow>();
  for (const row of rows) {
    const inBlock = byBlock.get(row.block) ?? new Map<string, ParsedRow>();
    byBlock.set(row.block, inBlock);
    const earlier = inBlock.get(formatFieldPath(row.path));
    if (earlier) {
      problems.add(row.source.row, 'path', `${formatFieldPath(row.path)} clashes with row ${earlier.source.row}, which already describes it${row.block.key ? ' under the same condition' : ''}`);
      duplicates.add(row);
    } else inBlock.set(formatFieldPath(row.path), row);
    if (row.source.cells.type !== undefined && !typed.has(formatFieldPath(row.path))) typed.set(formatFieldPath(row.path), row);
  }
  for (const row of rows) {
    for (let length = 0; length < row.path.length; length++) {
      const owner = typed.get(formatFieldPath(row.path.slice(0, length)));
      if (!owner) continue;
      const types = owner.source.cells.type!.split('|').map((t) => t.trim());
      const needs = row.path[length] === itemsSegment ? 'array' : 'object';
      if (!types.includes(needs)) {
        problems.add(row.source.row, 'path', `${formatFieldPath(row.path)} clashes with row ${owner.source.row}, which makes ${formatFieldPath(owner.path)} a ${types.join(' or ')}, not an ${needs}`);
      }
    }
  }
  return duplicates;
}

/**
 * Where each block's if/then sits: the @ path when written, otherwise the deepest field that holds the
 * fields the condition tests, the block's rows and the blocks inside it.
 */
function placeAnchors(block: Block, problems: ProblemList): void {
  for (const child of block.children) placeAnchors(child, problems);
  if (!block.condition) return;
  const condition = block.condition;
  const paths = [
    ...conditionFields(condition.condition).map((path) => path.slice(0, -1)),
    ...block.rows.map((row) => row.path),
    ...block.children.map((child) => child.anchor),
  ];
  block.anchor = condition.anchor ?? commonPrefix(paths);
  const outside = paths.find((path) => !startsWith(path, block.anchor));
  if (outside) problems.add(block.firstRow, 'applies when', `${formatFieldPath(outside)} is outside ${formatFieldPath(block.anchor)}, written after @`);
  const row = block.rows.find((r) => r.required && r.path.length === block.anchor.length);
  if (row) problems.add(row.source.row, 'required', `${formatFieldPath(row.path)} holds this condition's rules, so the condition cannot require it: write the condition on a field beside it`);
}

/** Every field a condition tests must be described by some row (or lie inside a common definition or schema fragment). */
function checkConditionFields(root: Block, rows: ParsedRow[], problems: ProblemList): void {
  const known = new Set<string>();
  const opaque = new Set<string>();
  for (const row of rows) {
    for (let length = 0; length <= row.path.length; length++) known.add(formatFieldPath(row.path.slice(0, length)));
    if (row.source.cells['common definition'] !== undefined || row.source.cells.schema !== undefined) opaque.add(formatFieldPath(row.path));
  }
  const visit = (block: Block) => {
    if (block.condition) {
      for (const field of conditionFields(block.condition.condition)) {
        const inOpaque = field.some((_, i) => opaque.has(formatFieldPath(field.slice(0, i))));
        if (!known.has(formatFieldPath(field)) && !inOpaque) {
          problems.add(block.firstRow, 'applies when', `the condition refers to ${formatFieldPath(field)}, which no row of the table describes`);
        }
      }
    }
    block.children.forEach(visit);
  };
  visit(root);
}

function buildSchema(header: TableHeader, root: Block, rows: ParsedRow[], texts: Map<ParsedRow, ClauseTexts | null>, duplicates: Set<ParsedRow>, problems: ProblemList): SchemaNode {
  const schema: SchemaNode = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: standardIdOf(header.code!, header.version!),
  };
  if (header['mutual recognition'] !== undefined) schema['x-mutual-recognition'] = parseList(header['mutual recognition']);
  schema.title = header['schema title'] ?? `${header.code} ${header.version} — ${header['title en']}`;
  if (header.description !== undefined) schema.description = header.description;
  root.node = schema;
  if (!rows.some((row) => row.block === root && row.path.length === 0)) schema.type = 'object';

  for (const row of rows) {
    const block = row.block;
    placeBlock(block, problems);
    // A row that clashes with an earlier one is still read (its cells' problems are listed), into a node of its own.
    if (hasRules(row.source)) applyRowRules(duplicates.has(row) ? {} : nodeAt(block, row.path), row.source, texts.get(row) ?? null, problems);
    if (row.required) {
      const parent = nodeAt(block, row.path.slice(0, -1));
      const name = row.path[row.path.length - 1]!;
      if (row.required === 'yes') parent.required = [...((parent.required as string[] | undefined) ?? []), name];
      else addForbidden(parent, name);
    }
  }
  return schema;
}

/** Adds the block's `{ if, then }` to its anchor's node in the enclosing block (once). */
function placeBlock(block: Block, problems: ProblemList): void {
  if (block.node || !block.parent || !block.condition) return;
  placeBlock(block.parent, problems);
  block.node = {};
  const host = nodeAt(block.parent, block.anchor);
  const condition = block.condition.condition;
  try {
    const member = condition.kind === 'always' ? block.node : { if: compileCondition(condition, block.anchor), then: block.node };
    host.allOf = [...((host.allOf as unknown[] | undefined) ?? []), member];
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    problems.add(block.firstRow, 'applies when', error.message);
  }
}

/** The subschema for `path` inside `block` (its then-branch, or the schema), created on first use. */
function nodeAt(block: Block, path: FieldPath): SchemaNode {
  let node = block.node!;
  for (const segment of path.slice(block.anchor.length)) {
    if (segment === itemsSegment) {
      node.items ??= {};
      node = node.items as SchemaNode;
    } else {
      node.properties ??= {};
      const properties = node.properties as Record<string, SchemaNode>;
      properties[segment] ??= {};
      node = properties[segment];
    }
  }
  return node;
}

function addForbidden(node: SchemaNode, name: string): void {
  const existing = node.not as SchemaNode | undefined;
  if (existing === undefined) node.not = { required: [name] };
  else if (Array.isArray(existing.required)) node.not = { anyOf: [{ required: existing.required }, { required: [name] }] };
  else if (Array.isArray(existing.anyOf)) existing.anyOf = [...(existing.anyOf as unknown[]), { required: [name] }];
}
