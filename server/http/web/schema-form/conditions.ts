/**
 * Whether an `if` of the standard holds for the values typed so far, so the form shows the fields its `then`
 * (or `else`) requires. A small evaluator for the keywords conditions use (const, enum, required, properties,
 * contains, items, the numeric and length bounds, type, allOf/anyOf/oneOf/not, $ref); for anything else it
 * answers "cannot tell", and the form then shows the fields rather than hide them. The conformance engine, not
 * this, decides what passes. `activeRequirements` lists the properties the applying branches require.
 */
import type { DocumentIndex } from '../../../domain/conformance/document-index.ts';
import { isSchemaNode } from '../../../domain/conformance/schema-walk.ts';
import type { LocalizedText } from '../../../domain/conformance/index.ts';
import { expand, type Conditional, type FormSchema, type Shape } from './shape.ts';

/** true, false, or undefined when the condition uses something this evaluator does not read. */
export type Verdict = boolean | undefined;

const ignored = new Set(['$schema', '$id', '$anchor', '$dynamicAnchor', '$comment', '$defs', 'definitions', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'format']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: return false;
  }
}

/** All of the verdicts: false if any is false, else undefined if any is unknown, else true. */
function all(verdicts: Iterable<Verdict>): Verdict {
  let unknown = false;
  for (const verdict of verdicts) {
    if (verdict === false) return false;
    if (verdict === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

function any(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}

const bounds: Record<string, (value: number, limit: number) => boolean> = {
  minimum: (value, limit) => value >= limit,
  maximum: (value, limit) => value <= limit,
  exclusiveMinimum: (value, limit) => value > limit,
  exclusiveMaximum: (value, limit) => value < limit,
};

/** Whether `value` matches `schema` (a subschema of the indexed documents). Never throws; bounded depth. */
export function schemaMatches(documents: DocumentIndex, given: unknown, value: unknown, depth = 0): Verdict {
  if (given === true) return true;
  if (given === false) return false;
  if (!isSchemaNode(given) || depth > 32) return undefined;
  const schema = given;
  const sub = (child: unknown, childValue: unknown) => schemaMatches(documents, child, childValue, depth + 1);
  const verdicts: Verdict[] = [];
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ignored.has(keyword) || keyword.startsWith('x-')) continue;
    verdicts.push(keywordMatches(keyword, arg));
    if (verdicts[verdicts.length - 1] === false) return false;
  }
  return all(verdicts);

  function keywordMatches(keyword: string, arg: unknown): Verdict {
    switch (keyword) {
      case '$ref': {
        const target = typeof arg === 'string' ? documents.resolve(arg, schema as Record<string, unknown>) : undefined;
        return target === undefined ? undefined : sub(target, value);
      }
      case 'type': return (Array.isArray(arg) ? arg : [arg]).some((type) => typeMatches(String(type), value));
      case 'const': return jsonEqual(arg, value);
      case 'enum': return Array.isArray(arg) ? arg.some((member) => jsonEqual(member, value)) : undefined;
      case 'required': return !isObject(value) || (Array.isArray(arg) && arg.every((name) => typeof name === 'string' && Object.hasOwn(value, name)));
      case 'properties':
        if (!isObject(value) || !isObject(arg)) return true;
        return all(Object.entries(arg).filter(([name]) => Object.hasOwn(value, name)).map(([name, child]) => sub(child, value[name])));
      case 'contains': return Array.isArray(value) ? any(value.slice(0, 1000).map((item) => sub(arg, item))) : true;
      case 'items': return Array.isArray(value) ? all(value.slice(0, 1000).map((item) => sub(arg, item))) : true;
      case 'minItems': return !Array.isArray(value) || value.length >= Number(arg);
      case 'maxItems': return !Array.isArray(value) || value.length <= Number(arg);
      case 'minLength': return typeof value !== 'string' || [...value].length >= Number(arg);
      case 'maxLength': return typeof value !== 'string' || [...value].length <= Number(arg);
      case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
        return typeof value !== 'number' || typeof arg !== 'number' || bounds[keyword]!(value, arg);
      case 'allOf': return Array.isArray(arg) ? all(arg.map((child) => sub(child, value))) : undefined;
      case 'anyOf': return Array.isArray(arg) ? any(arg.map((child) => sub(child, value))) : undefined;
      case 'oneOf': {
        if (!Array.isArray(arg)) return undefined;
        const verdicts = arg.map((child) => sub(child, value));
        if (verdicts.includes(undefined)) return undefined;
        return verdicts.filter(Boolean).length === 1;
      }
      case 'not': {
        const verdict = sub(arg, value);
        return verdict === undefined ? undefined : !verdict;
      }
      case 'if': {
        const verdict = sub(arg, value);
        if (verdict === undefined) return undefined;
        const branch = verdict ? schema.then : schema.else;
        return branch === undefined ? true : sub(branch, value);
      }
      case 'then': case 'else': return true; // read with `if`
      default: return undefined;
    }
  }
}

/** The clause annotations of a `then`/`else` branch: a field it requires without a title of its own is labelled by them. */
export interface BranchNote {
  clause: string | null;
  title: LocalizedText | null;
  requirement: LocalizedText | null;
}

/** Properties required by the `then`/`else` branches that apply to `value`, with the branch's clause annotations. */
export function activeRequirements(form: FormSchema, shape: Shape, value: unknown): Map<string, BranchNote> {
  const active = new Map<string, BranchNote>();
  const visit = (conditionals: Conditional[], depth: number) => {
    if (depth > 8) return;
    for (const conditional of conditionals) {
      const verdict = schemaMatches(form.documents, conditional.if, value);
      const branches = verdict === true ? [conditional.then] : verdict === false ? [conditional.else] : [conditional.then, conditional.else];
      for (const branch of branches) {
        if (!branch) continue;
        const parts = expand(form.documents, [branch]);
        const note: BranchNote = {
          clause: parts.map((p) => p['x-clause']).find((c): c is string => typeof c === 'string') ?? null,
          title: (parts.map((p) => p['x-title']).find(isSchemaNode) as LocalizedText | undefined) ?? null,
          requirement: (parts.map((p) => p['x-requirement']).find(isSchemaNode) as LocalizedText | undefined) ?? null,
        };
        for (const part of parts) {
          if (Array.isArray(part.required)) for (const name of part.required) if (typeof name === 'string' && !active.has(name)) active.set(name, note);
        }
        visit(parts.filter((p) => p.if !== undefined).map((p) => ({ if: p.if, then: isSchemaNode(p.then) ? p.then : null, else: isSchemaNode(p.else) ? p.else : null })), depth + 1);
      }
    }
  };
  visit(shape.conditionals, 0);
  return active;
}
