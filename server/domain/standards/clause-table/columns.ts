/**
 * The columns of a clause table (schemas/templates/README.md describes each). A table names them in
 * its header row, in any order; the required ones must all be there, and a column with any other
 * name is refused as an unknown rule.
 */
export const textColumns = ['title en', 'title ru', 'title fa', 'requirement en', 'requirement ru', 'requirement fa'] as const;

export const requiredColumns = [
  'clause',
  ...textColumns,
  'path',
  'applies when',
  'type',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'required',
  'unit',
  'source',
  'illustrative',
] as const;

export const optionalColumns = [
  'const',
  'exclusive minimum',
  'exclusive maximum',
  'format',
  'min length',
  'max length',
  'min items',
  'max items',
  'unique items',
  'contains',
  'contains all',
  'contains none',
  'closed',
  'common definition',
  'schema',
] as const;

/** Every column, in the order the exporter and the template write them. */
export const allColumns = [
  'clause',
  ...textColumns,
  'path',
  'applies when',
  'required',
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusive minimum',
  'exclusive maximum',
  'pattern',
  'format',
  'min length',
  'max length',
  'min items',
  'max items',
  'unique items',
  'contains',
  'contains all',
  'contains none',
  'closed',
  'common definition',
  'unit',
  'source',
  'illustrative',
  'schema',
] as const;

export type Column = (typeof allColumns)[number];

/** One row of the table: its sheet row number and its non-empty cells by column. */
export interface ClauseRow {
  row: number;
  cells: Partial<Record<Column, string>>;
}

/** The keys of the header block above the table (one per line: key, value). */
export const headerKeys = ['code', 'version', 'category', 'title en', 'title ru', 'title fa', 'mutual recognition', 'schema title', 'description'] as const;
export type HeaderKey = (typeof headerKeys)[number];

/** What the header block says about the standard; CLI flags and form fields may fill or override it. */
export type TableHeader = Partial<Record<HeaderKey, string>>;

/** A clause table as read from a file: the header block and the rows below the column header. */
export interface ClauseTable {
  header: TableHeader;
  /** Sheet row of each header key, for error messages. */
  headerRows: Partial<Record<HeaderKey, number>>;
  /** The column header row (1-based), or 0 when the file has none. */
  columnsRow: number;
  columns: string[];
  rows: ClauseRow[];
}

/** The numeric rule columns and the JSON Schema keyword each one writes. */
export const numberColumns = {
  minimum: 'minimum',
  maximum: 'maximum',
  'exclusive minimum': 'exclusiveMinimum',
  'exclusive maximum': 'exclusiveMaximum',
} as const;

export const countColumns = {
  'min length': 'minLength',
  'max length': 'maxLength',
  'min items': 'minItems',
  'max items': 'maxItems',
} as const;

export const jsonTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

/** Where `common definition: name` points: a definition of the shared common part. */
export const commonDefinitionBase = 'urn:irru:std:IRRU-COMMON:1.0.0#/$defs/';
