import type { KeywordDefinition } from 'ajv';

/**
 * The annotation keywords a standard may put on any subschema. They never fail a spec; ajv checks
 * their shape (metaSchema) when a schema compiles, and strict mode accepts them.
 */

/** Shape of `x-clause`: a clause id such as "5.2.1", without surrounding blanks. */
export const clauseIdMetaSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^\\S(?:.*\\S)?$',
} as const;

const localizedTextMetaSchema = {
  type: 'object',
  required: ['en'],
  properties: {
    en: { type: 'string', minLength: 1 },
    ru: { type: 'string', minLength: 1 },
    fa: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const;

const nonEmptyString = { type: 'string', minLength: 1 } as const;

/** Shape of `x-mutual-recognition`: two or more distinct jurisdictions, e.g. ["IR", "RU"]. */
export const mutualRecognitionMetaSchema = {
  type: 'array',
  minItems: 2,
  uniqueItems: true,
  items: { enum: ['IR', 'RU'] },
} as const;

/**
 * `x-mutual-recognition`, only at the root of a standard's schema: the listed jurisdictions accept each
 * other's certificates issued under this standard version for import (read by the customs documents).
 * Anywhere else it would look meaningful and be ignored, so compiling refuses it there.
 */
function mutualRecognitionKeyword(): KeywordDefinition {
  return {
    keyword: 'x-mutual-recognition',
    metaSchema: mutualRecognitionMetaSchema,
    macro: function rootOnly(_value, parentSchema, it) {
      if (it.schemaEnv.schema !== parentSchema || it.schemaEnv.root !== it.schemaEnv) {
        throw new Error('x-mutual-recognition is allowed only at the root of a standard\'s schema');
      }
      return {};
    },
  };
}

/** `x-title`, `x-requirement`, `x-unit`, `x-source` and `x-illustrative`: shape-checked annotations. */
export const annotationKeywords: readonly KeywordDefinition[] = [
  { keyword: 'x-title', metaSchema: localizedTextMetaSchema },
  { keyword: 'x-requirement', metaSchema: localizedTextMetaSchema },
  { keyword: 'x-unit', metaSchema: nonEmptyString },
  {
    keyword: 'x-source',
    metaSchema: { anyOf: [nonEmptyString, { type: 'array', minItems: 1, items: nonEmptyString }] },
  },
  { keyword: 'x-illustrative', metaSchema: { type: 'boolean' } },
  mutualRecognitionKeyword(),
];

/** `x-clause` as a plain annotation (no tracking code), for ajv instances that only compare verdicts. */
export const plainClauseKeyword: KeywordDefinition = { keyword: 'x-clause', metaSchema: clauseIdMetaSchema };
