/**
 * How a cell writes values. A value is a JSON literal (`3`, `true`, `"2"`, `null`) or, when it is not
 * one, plain text (`fwa-cpe`). A list separates values with `|` (`smartphone | tablet`, `2 | 3`); a
 * `|` inside a quoted value does not separate. Yes/no cells take yes, no, true, false or nothing.
 */

/** Splits `text` at each `separator` outside JSON strings, brackets and braces. */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One value: its JSON reading when the trimmed text is JSON, else the trimmed text itself. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/** How `value` is written so that parseValue reads it back. */
export function formatValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plain = value !== '' && value.trim() === value && !/[|"\n]/.test(value) && !/^[[{]/.test(value) && parseValue(value) === value;
  return plain ? value : JSON.stringify(value);
}

export function parseList(text: string): unknown[] {
  return splitOutside(text, '|').map(parseValue);
}

export function formatList(values: readonly unknown[]): string {
  return values.map(formatValue).join(' | ');
}

/** true, false, or undefined when the text is no yes/no. */
export function parseYesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (word === 'yes' || word === 'true') return true;
  if (word === 'no' || word === 'false') return false;
  return undefined;
}

/** A finite number written plainly, or undefined. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export function parseCount(text: string): number | undefined {
  const value = parseNumber(text);
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
