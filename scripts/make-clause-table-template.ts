/**
 * Writes schemas/templates/clause-table-template.xlsx and its CSV twin: a small example standard as a
 * clause table (every kind of column at work), plus, in the workbook, a sheet of instructions.
 * Run: npx tsx scripts/make-clause-table-template.ts (the same content on every run; the zip entries carry the time of writing).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allColumns, type Column, type TableHeader } from '../server/domain/standards/clause-table/columns.ts';
import { tableGrid, writeCsv, writeXlsx } from '../server/domain/standards/clause-table/table-file.ts';

const header: TableHeader = {
  code: 'IRRU-EXAMPLE',
  version: '0.1.0',
  category: 'example-radio',
  'title en': 'Example short-range radio devices',
  'title ru': 'Пример: радиоустройства малого радиуса действия',
  'title fa': 'نمونه: دستگاه‌های رادیویی برد کوتاه',
  'mutual recognition': 'IR | RU',
};

type Row = Partial<Record<Column, string>>;

const clause = (id: string, title: [string, string, string], requirement: [string, string, string], source: string): Row => ({
  clause: id,
  'title en': title[0], 'title ru': title[1], 'title fa': title[2],
  'requirement en': requirement[0], 'requirement ru': requirement[1], 'requirement fa': requirement[2],
  source,
});

const rows: Row[] = [
  { path: '$', type: 'object', closed: 'yes' },
  {
    ...clause('4.1', ['Product identification', 'Идентификация продукции', 'شناسایی محصول'],
      ['The product is identified as required by C.1 of the common part.', 'Продукция идентифицируется в соответствии с C.1 общей части.', 'محصول طبق بند C.1 بخش مشترک شناسایی می‌شود.'], 'IRRU-COMMON C.1'),
    path: 'identification', required: 'yes', 'common definition': 'productIdentification',
  },
  {
    ...clause('4.1.1', ['HS heading', 'Позиция ТН ВЭД', 'ردیف تعرفه'],
      ['The HS code is under subheading 8517.62.', 'Код ТН ВЭД относится к субпозиции 8517.62.', 'کد HS در زیرردیف 8517.62 است.'], 'WCO Harmonized System 2022, subheading 8517.62'),
    path: 'identification.hsCode', pattern: '^8517\\.?62',
  },
  {
    ...clause('4.2', ['Target markets', 'Целевые рынки', 'بازارهای هدف'],
      ['The target markets (IR, RU) are declared.', 'Указываются целевые рынки (IR, RU).', 'بازارهای هدف (IR، RU) اعلام می‌شوند.'], 'IRRU-COMMON C.4'),
    path: 'targetMarkets', required: 'yes', 'common definition': 'targetMarkets',
  },
  {
    ...clause('5', ['Radio', 'Радиоинтерфейс', 'رادیو'],
      ['The radio meets clauses 5.1 to 5.3.', 'Радиоинтерфейс соответствует пунктам 5.1–5.3.', 'رادیو با بندهای ۵٫۱ تا ۵٫۳ منطبق است.'], 'ETSI EN 300 328 V2.2.2'),
    path: 'radio', required: 'yes', type: 'object', closed: 'yes',
  },
  { path: 'radio.band5g', required: 'yes', type: 'boolean' },
  {
    ...clause('5.1', ['Operating bands', 'Рабочие полосы', 'باندهای کاری'],
      ['At least one operating band is declared, each once.', 'Указана хотя бы одна рабочая полоса, каждая один раз.', 'دست‌کم یک باند کاری اعلام می‌شود، هر کدام یک بار.'], 'ETSI EN 300 328 V2.2.2 §4.3.2.1'),
    path: 'radio.bands', required: 'yes', type: 'array', 'min items': '1', 'unique items': 'yes',
  },
  { path: 'radio.bands[]', type: 'object', closed: 'yes' },
  { path: 'radio.bands[].range', required: 'yes', enum: '2400-2483.5 | 5150-5350 | 5470-5725', unit: 'MHz' },
  {
    ...clause('5.2', ['Maximum EIRP', 'Максимальная ЭИИМ', 'بیشینه EIRP'],
      ['The maximum EIRP in each band is at most 20 dBm.', 'Максимальная ЭИИМ в каждой полосе не превышает 20 дБм.', 'بیشینه EIRP در هر باند حداکثر ۲۰ dBm است.'], 'ETSI EN 300 328 V2.2.2 §4.3.2.2'),
    path: 'radio.bands[].maxEirp', required: 'yes', type: 'number', maximum: '20', unit: 'dBm',
  },
  {
    ...clause('5.3', ['Dynamic frequency selection', 'Динамический выбор частоты', 'انتخاب پویای فرکانس'],
      ['A device that uses 5 GHz declares DFS, and DFS is implemented.', 'Устройство, использующее 5 ГГц, указывает DFS, и DFS реализован.', 'دستگاهی که از ۵ گیگاهرتز استفاده می‌کند DFS را اعلام می‌کند و DFS پیاده‌سازی شده است.'], 'ETSI EN 301 893 V2.1.1 §4.2.6'),
    path: 'radio.dfs', type: 'boolean',
  },
  { clause: '5.3', path: 'radio.dfs', 'applies when': 'radio.band5g = true', required: 'yes', const: 'true' },
  {
    ...clause('8', ['Operating temperature', 'Рабочая температура', 'دمای کارکرد'],
      ['The upper operating temperature is at least +40 °C (illustrative national value).', 'Верхняя рабочая температура не ниже +40 °C (иллюстративное национальное значение).', 'بیشینه دمای کارکرد دست‌کم ۴۰+ درجه سلسیوس است (مقدار ملی نمونه).'], 'IEC 60068-2-2'),
    path: 'maxOperatingTemperature', required: 'yes', type: 'number', minimum: '40', unit: '°C', illustrative: 'yes',
  },
];

/** The instructions sheet: one line per column (the full description is schemas/templates/README.md). */
const instructions: string[][] = [
  ['Clause table — instructions', 'Fill in the "clauses" sheet; the full description is schemas/templates/README.md in the registry.'],
  ['header block', 'Lines above the column header: code, version, category, title en, title ru, title fa, and optionally mutual recognition (IR | RU), schema title, description.'],
  ['rows', 'One row per requirement or field rule. The column header row starts with "clause". Empty rows are skipped.'],
  ['clause', 'Clause id (5.2.1). A row with a clause gives its titles and requirement texts in all three languages; a later row of the same clause may leave them empty.'],
  ['title en / ru / fa, requirement en / ru / fa', 'Clause title and requirement text in English, Russian (Cyrillic) and Persian (Persian script). All six, or none on a repeat of a clause.'],
  ['path', 'The spec field: names joined by dots, [] for each item of an array (radio.bands[].maxEirp), $ for the whole spec.'],
  ['applies when', 'A condition: radio.band5g = true; field != value; field in ["a", "b"]; field contains "x"; field contains any ["a", "b"]; > >= < <= number; field present; joined with and, or, not and parentheses. Several conditions separated by ; are nested. Empty: always.'],
  ['required', 'yes: the field must be present (under the condition, if any); forbidden: it must be absent; no or empty: optional.'],
  ['type', 'string, number, integer, boolean, object, array or null (several separated by |).'],
  ['enum, const', 'Allowed values separated by | (2 | 3, smartphone | tablet); const is the one allowed value. Quote a value to keep it text ("2").'],
  ['minimum, maximum, exclusive minimum, exclusive maximum', 'Numbers (limits on a number).'],
  ['pattern, format', 'A regular expression the text must match (^8517\\.?62); a JSON Schema format (date, email, uri).'],
  ['min length, max length, min items, max items, unique items', 'Text length and array size limits; unique items yes/no.'],
  ['contains, contains all, contains none', 'The array holds one of these values / every one of these values / none of these values (separated by |).'],
  ['closed', 'yes: an object may hold no fields other than those the table names (unevaluated: none beyond those evaluated).'],
  ['common definition', 'A definition of the common part IRRU-COMMON (productIdentification, targetMarkets, testReport …).'],
  ['unit, source, illustrative', 'Unit of the value (dBm); the instrument the requirement follows (one per line); yes when the value is an example, not an authority.'],
  ['schema', 'Escape hatch: a JSON object of JSON Schema keywords for what no column can say. Avoid when a column can say it.'],
];

const dir = fileURLToPath(new URL('../schemas/templates/', import.meta.url));
const grid = tableGrid(header, rows.map((row) => Object.fromEntries(allColumns.filter((c) => row[c] !== undefined).map((c) => [c, row[c]!]))));
writeFileSync(`${dir}clause-table-template.csv`, writeCsv(grid));
writeFileSync(`${dir}clause-table-template.xlsx`, await writeXlsx(grid, [{ name: 'instructions', lines: instructions }]));
console.log(`wrote ${dir}clause-table-template.xlsx and .csv (${rows.length} rows)`);
