/** Standards and specs that cost super-linear work in a JSON Schema validator: the inputs of the event-loop test. */
import { readFileSync } from 'node:fs';

const title = (en: string) => ({ en, ru: `${en} (ru)`, fa: `${en} (fa)` });

/** A test standard document around `schema` (a draft 2020-12 object schema), published under TEST-<name>. */
export function worstStandard(name: string, schema: Record<string, unknown>) {
  return {
    code: `TEST-${name}`,
    version: '1.0.0',
    category: 'test-worst-case',
    title: title(`Worst case ${name}`),
    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:TEST-${name}:1.0.0`, 'x-clause': '1', 'x-title': title(name), ...schema },
  };
}

/** The shipped IRRU-UE smartphone example with `count` distinct LTE bands: `uniqueItems` over `$ref` items compares every pair. */
export function bandsSpec(count: number): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(new URL('../../schemas/examples/IRRU-UE/conforming-5g-smartphone.json', import.meta.url), 'utf8'));
  spec.radio.lte.bands = Array.from({ length: count }, (_, i) => i + 1);
  return spec;
}

/** `uniqueItems` over object items: a deep comparison of every pair. */
export const uniqueObjects = worstStandard('UNIQUE', {
  type: 'object',
  properties: { items: { 'x-clause': '2', 'x-title': title('Items'), type: 'array', uniqueItems: true, items: { type: 'object' } } },
});
export const uniqueObjectsSpec = { items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item ${i}` })) };

/** `contains` whose subschema no item matches, over a large array: every item runs the whole subschema. */
export const containsComplex = worstStandard('CONTAINS', {
  type: 'object',
  properties: {
    ports: {
      'x-clause': '2', 'x-title': title('Ports'), type: 'array',
      contains: {
        type: 'object', required: ['kind', 'speed', 'label'],
        properties: { kind: { enum: ['rj45', 'sfp'] }, speed: { type: 'integer', minimum: 10_000 }, label: { type: 'string', pattern: '^[A-Z]{2}-[0-9]{4}$' } },
        anyOf: [{ required: ['poe'] }, { properties: { speed: { multipleOf: 25_000 } } }, { not: { properties: { kind: { const: 'sfp' } } } }],
      },
    },
  },
});
export const containsSpec = { ports: Array.from({ length: 20_000 }, (_, i) => ({ kind: 'usb', speed: i, label: `p${i}` })) };

/** anyOf nested `depth` deep, written out: 2^depth leaves in the schema itself (~70 KB at depth 10). */
function nestedAnyOf(depth: number): Record<string, unknown> {
  if (depth === 0) return { type: 'integer', minimum: 0 };
  return { anyOf: [{ ...nestedAnyOf(depth - 1), multipleOf: depth + 1 }, { ...nestedAnyOf(depth - 1), maximum: 1000 - depth }] };
}
export const nestedAnyOfInline = worstStandard('ANYOFINLINE', {
  type: 'object',
  properties: { values: { 'x-clause': '2', 'x-title': title('Values'), type: 'array', items: nestedAnyOf(10) } },
});

/** anyOf nested 10 deep through $defs, two different branches at each level: 2^10 leaf checks for every value. */
const levels = Object.fromEntries(Array.from({ length: 11 }, (_, depth) => [`level${depth}`, depth === 0
  ? { type: 'integer', minimum: 0 }
  : { anyOf: [{ $ref: `#/$defs/level${depth - 1}`, multipleOf: depth + 1 }, { $ref: `#/$defs/level${depth - 1}`, maximum: 1000 - depth }] }]));
export const nestedAnyOfStandard = worstStandard('ANYOF', {
  type: 'object',
  $defs: levels,
  properties: { values: { 'x-clause': '2', 'x-title': title('Values'), type: 'array', items: { $ref: '#/$defs/level10' } } },
});
export const nestedAnyOfSpec = { values: Array.from({ length: 20_000 }, (_, i) => `not a number ${i}`) };

/** About 0.9 MB: 7,778 anyOf branches each declaring a property, under unevaluatedProperties: false. */
export const manyAnyOf = worstStandard('MANYANYOF', {
  type: 'object',
  unevaluatedProperties: false,
  anyOf: Array.from({ length: 7_778 }, (_, i) => ({ required: [`p${i}`], properties: { [`p${i}`]: { type: 'string', minLength: 1, maxLength: 64, pattern: `^v${i}-[a-z]+$` } } })),
});
