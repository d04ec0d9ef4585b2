/** Bidirectional embedding, override and isolate controls: U+202A–U+202E and U+2066–U+2069. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` with every bidirectional control shown as a visible marker such as `[U+202E]`, so a stored value
 * prints in the order it is stored: an override inside a model name cannot make "SAFE-1X-LEDOM" read
 * "SAFE-MODEL-X1". Other characters are left alone (Persian needs its joiners and marks).
 */
export function neutraliseBidi(text: string): string {
  return text.replace(bidiControls, (control) => `[U+${control.codePointAt(0)!.toString(16).toUpperCase()}]`);
}

/**
 * A copy of a document view model with {@link neutraliseBidi} applied to every string, however deep: fields
 * added to a view model later are covered without being listed. Numbers, booleans and nulls are kept.
 */
export function displaySafe<T>(value: T): T {
  if (typeof value === 'string') return neutraliseBidi(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => displaySafe(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, displaySafe(item)])) as T;
  }
  return value;
}
