import { DomainError } from '../../errors.ts';

const forbiddenSegments = new Set(['__proto__', 'prototype', 'constructor']);
const jsonScalar = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/;

/**
 * A cell's text as a JSON value when it looks like one: numbers, true, false, null, and anything that
 * starts like a JSON array, object or string ([…], {…}, "…") and parses; any other text stays a string.
 * To keep digits as a string (an HS code in a spec), write it as a JSON string: "8517".
 */
export function parseCell(text: string): unknown {
  const trimmed = text.trim();
  if (jsonScalar.test(trimmed)) return JSON.parse(trimmed);
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

function splitPath(path: string): string[] {
  const segments = path.trim().split('.');
  if (segments.some((s) => s === '' || forbiddenSegments.has(s))) throw new DomainError('validation_failed', `column "${path}" is not a valid dotted path`);
  return segments;
}

function setPath(target: Record<string, unknown>, segments: string[], value: unknown, path: string): void {
  let node: Record<string, unknown> | unknown[] = target;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const isIndex = /^(0|[1-9]\d{0,3})$/.test(segment);
    if (Array.isArray(node) !== isIndex) throw new DomainError('validation_failed', `column "${path}" mixes array indexes and names at "${segment}"`);
    const slot = node as Record<string, unknown>;
    if (last) {
      if (slot[segment] !== undefined) throw new DomainError('validation_failed', `column "${path}" collides with another column`);
      slot[segment] = value;
      return;
    }
    slot[segment] ??= /^(0|[1-9]\d*)$/.test(segments[i + 1]!) ? [] : {};
    const next = slot[segment];
    if (typeof next !== 'object' || next === null) throw new DomainError('validation_failed', `column "${path}" collides with another column`);
    node = next as Record<string, unknown> | unknown[];
  });
}

function assertNoHoles(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) throw new DomainError('validation_failed', `${path}.${i} is missing: array columns must be numbered 0, 1, 2… without gaps`);
      assertNoHoles(value[i], `${path}.${i}`);
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) assertNoHoles(child, path ? `${path}.${key}` : key);
  }
}

/**
 * Builds a nested object from flattened columns: `product.model` → { product: { model } }, and numeric
 * segments make arrays (`spec.radio.bands.0`). Empty cells (undefined or "") are left out. Refuses
 * prototype-polluting names, colliding columns and arrays with gaps.
 */
export function unflatten(flat: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    if (value === undefined || value === '') continue;
    setPath(result, splitPath(path), value, path);
  }
  assertNoHoles(result, '');
  return result;
}
