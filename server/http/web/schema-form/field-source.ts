import { resolvePointer } from '../../../domain/conformance/json-pointer.ts';
import { pointerTokens } from './field-id.ts';

/**
 * Where the form's fields get their text: the typed text of a posted form (kept exactly, even when it is not
 * valid, so the user can correct it), or a spec (a stored revision) written out as inputs show values.
 */
export interface FieldSource {
  /** The text of one input (checkbox groups: the checked values). */
  text(pointer: string): string | string[] | undefined;
  /** The value at `pointer` as JSON, when the source is a spec (for textareas holding JSON). */
  json(pointer: string): unknown;
  /** True when anything at or under `pointer` holds a value. */
  has(pointer: string): boolean;
  /** How many array rows under `pointer` hold values (the highest such index + 1). */
  rows(pointer: string): number;
}

const indexToken = /^(0|[1-9][0-9]{0,5})$/;

/** Typed text by field name (as the form reader collected it). */
export function typedSource(typed: ReadonlyMap<string, string | string[]>): FieldSource {
  const withData = new Set<string>();
  const maxRow = new Map<string, number>();
  for (const [name, value] of typed) {
    const filled = Array.isArray(value) ? value.some((item) => item.trim() !== '') : value.trim() !== '';
    const tokens = filled ? pointerTokens(name) : null;
    if (!tokens) continue;
    const escaped = name.slice(1).split('/');
    let pointer = '';
    withData.add(pointer);
    for (const [i, token] of tokens.entries()) {
      const parent = pointer;
      pointer = `${pointer}/${escaped[i]}`;
      withData.add(pointer);
      if (indexToken.test(token)) maxRow.set(parent, Math.max(maxRow.get(parent) ?? 0, Number(token) + 1));
    }
  }
  return {
    text: (pointer) => typed.get(pointer),
    json: () => undefined,
    has: (pointer) => withData.has(pointer),
    rows: (pointer) => maxRow.get(pointer) ?? 0,
  };
}

/** A spec's values written as inputs show them: strings as they are, numbers in ASCII digits, booleans as true/false. */
export function specSource(spec: unknown): FieldSource {
  return {
    text(pointer) {
      const value = resolvePointer(spec, pointer);
      if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return undefined;
    },
    json: (pointer) => resolvePointer(spec, pointer),
    has: (pointer) => resolvePointer(spec, pointer) !== undefined,
    rows(pointer) {
      const value = resolvePointer(spec, pointer);
      return Array.isArray(value) ? value.length : 0;
    },
  };
}
