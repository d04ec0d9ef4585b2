import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DomainError } from './domain/errors.ts';
import { beyondDepth } from './domain/json-depth.ts';
import { identifierRule } from './domain/text/identifier.ts';

const addFormats = addFormatsModule.default;
const schemasRoot = join(import.meta.dirname, '..', 'schemas');
const inputFolders = ['common', 'api'];

/** One failure of an input against its schema, as clients see it in problem+json `errors`. */
export interface InputFailure {
  path: string;
  message: string;
  keyword: string;
  params: Record<string, unknown>;
}

function loadSchemas(): Record<string, unknown>[] {
  return inputFolders.flatMap((folder) =>
    readdirSync(join(schemasRoot, folder))
      .filter((file) => file.endsWith('.schema.json'))
      .sort()
      .map((file) => JSON.parse(readFileSync(join(schemasRoot, folder, file), 'utf8'))),
  );
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, coerceTypes: false });
addFormats(ajv);
/** Every request schema, by $id: what the routes validate with and what the OpenAPI document publishes. */
export const inputSchemas: ReadonlyArray<Record<string, unknown>> = loadSchemas();
for (const schema of inputSchemas) ajv.addSchema(schema);
const validators = new Map<string, ValidateFunction>();

const identifierSchema = 'urn:irru:common:identifier';

function toFailure(error: ErrorObject): InputFailure {
  const path = error.instancePath || '/';
  // The identifier rule by its name, not as an opaque pattern: the client learns what to remove.
  if (error.keyword === 'pattern' && error.schemaPath.startsWith(identifierSchema)) {
    return { path, message: 'must be an identifier: no control or bidirectional control characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)', keyword: identifierRule, params: error.params };
  }
  const extra = error.keyword === 'additionalProperties' ? ` ("${String(error.params.additionalProperty)}")` : '';
  return { path, message: `${error.message ?? 'is invalid'}${extra}`, keyword: error.keyword, params: error.params };
}

/**
 * The deepest nesting of objects and arrays any input may have (request bodies, queries, batch rows): far
 * beyond any real spec or standard document (a standard's schema is limited to 48 levels of subschemas, at
 * most two JSON levels each), and shallow
 * enough that no recursive step after the edge (schema validation, structured cloning to a check worker,
 * hashing) can run out of stack.
 */
export const maxInputDepth = 128;

/** Throws DomainError('validation_failed') listing every failure when `value` does not match the schema `$id`. */
export function validateInput<T>(schemaId: string, value: unknown): T {
  const tooDeep = beyondDepth(value, maxInputDepth);
  if (tooDeep !== null) {
    const failure = { path: tooDeep, message: `nests deeper than ${maxInputDepth} levels`, keyword: 'maxDepth', params: { limit: maxInputDepth } };
    throw new DomainError('validation_failed', `${tooDeep} ${failure.message}`, { errors: [failure] });
  }
  let validate = validators.get(schemaId);
  if (!validate) {
    validate = ajv.getSchema(schemaId);
    if (!validate) throw new Error(`no input schema ${schemaId}`);
    validators.set(schemaId, validate);
  }
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map(toFailure);
    const first = errors[0]!;
    throw new DomainError('validation_failed', `${first.path} ${first.message}`, { errors });
  }
  return value as T;
}
