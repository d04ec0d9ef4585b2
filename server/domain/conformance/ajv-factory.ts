import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { markBranchErrors } from './branch-marks.ts';
import { addErrorTaggingClauseKeyword, addPassRecordingClauseKeyword } from './clause-tracking.ts';
import { annotationKeywords, plainClauseKeyword } from './keywords.ts';
import { linearRegExpEngine, useLinearFormats } from './linear-regexp.ts';
import { useLinearUniqueItems } from './unique-items.ts';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** An ajv instance for JSON Schema draft 2020-12. */
export type EngineAjv = InstanceType<typeof Ajv2020>;

/**
 * The options every engine instance shares. Strict where it catches mistakes in a standard
 * (unknown keywords, unknown formats, ignored keywords, non-finite numbers), not where it only
 * lints valid schemas (strictTypes, strictTuples, strictRequired). Remote refs are never loaded:
 * there is no loadSchema and compilation is synchronous. Every `pattern` and `patternProperties`
 * key runs on RE2 (linear-time matching, see linear-regexp.ts).
 */
export const engineAjvOptions = Object.freeze({
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  validateFormats: true,
  logger: false,
  code: { regExp: linearRegExpEngine },
} as const);

/** Which validator an instance builds: plain (no tracking), fast first-error, or all-errors reporting. */
export type AjvRole = 'plain' | 'fast' | 'reporting';

/**
 * A new ajv instance with formats and the x- keywords registered for `role`. `plain` runs no
 * engine code at all (it is the reference the engine's verdict is compared against); `fast` stops
 * at the first error and records passing clauses; `reporting` collects all errors, verbosely, with
 * clause tags and branch links.
 */
export function createEngineAjv(role: AjvRole): EngineAjv {
  const ajv = new Ajv2020({
    ...engineAjvOptions,
    allErrors: role === 'reporting',
    verbose: role === 'reporting',
  });
  addFormats(ajv);
  useLinearFormats(ajv);
  useLinearUniqueItems(ajv);
  for (const definition of annotationKeywords) ajv.addKeyword(definition);
  if (role === 'plain') ajv.addKeyword(plainClauseKeyword);
  if (role === 'fast') addPassRecordingClauseKeyword(ajv);
  if (role === 'reporting') {
    markBranchErrors(ajv);
    addErrorTaggingClauseKeyword(ajv);
  }
  return ajv;
}
