import { parse } from 'csv-parse/sync';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as text when they are valid UTF-8 with no NUL or other control characters (tab, CR and LF
 * allowed; a leading BOM dropped); null otherwise. Binary files and UTF-16 text fail here.
 */
export function strictUtf8Text(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return null;
  return text;
}

/** True when the text is one JSON value. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const delimiters = [',', ';', '\t'] as const;

/** The delimiter that occurs most in the first line (comma, semicolon or tab), or null when none does. */
export function csvDelimiter(text: string): string | null {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = delimiters.map((d) => firstLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? null : delimiters[counts.indexOf(best)]!;
}

/**
 * True when the text is CSV a registry user would recognise: at least two columns, the same number of
 * columns on every record (quotes balanced), and not markup (no leading "<", which browsers could sniff as HTML).
 */
export function isCsvText(text: string): boolean {
  if (text.trimStart().startsWith('<')) return false;
  const delimiter = csvDelimiter(text);
  if (!delimiter) return false;
  try {
    const records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: false }) as string[][];
    return records.length > 0;
  } catch {
    return false;
  }
}
