import { _, Name, type AnySchemaObject, type CodeKeywordDefinition, type ErrorObject, type KeywordCxt } from 'ajv';
import type { EngineAjv } from './ajv-factory.ts';
import { checkDataTypes, DataType, getSchemaTypes } from 'ajv/dist/compile/validate/dataType.js';
import { clauseSlot, passMarks } from './clause-slots.ts';
import { clauseIdMetaSchema } from './keywords.ts';

/**
 * Generated code for `x-clause` that records, per validation call, which clauses validated (in
 * passMarks, see clause-slots.ts) and which errors arose inside which clause (tags on the errors).
 */

/** Set on ajv error objects: the clauses whose subschema evaluation produced the error, innermost first. */
export const enclosingClauses = Symbol('enclosingClauses');

/** An ajv error as the reporting validator leaves it. */
export type TrackedError = ErrorObject & { [enclosingClauses]?: string[] };

const errorsName = new Name('errors');
const vErrorsName = new Name('vErrors');

/**
 * For the fast (first-error) validator: `x-clause` runs after every other keyword of its subschema
 * (post), and ajv only reaches post keywords when nothing in that subschema failed, so reaching it
 * means the subschema validated at this instance location.
 */
export function addPassRecordingClauseKeyword(ajv: EngineAjv): void {
  ajv.addKeyword({
    keyword: 'x-clause',
    schemaType: 'string',
    post: true,
    metaSchema: clauseIdMetaSchema,
    code(cxt: KeywordCxt) {
      const marks = cxt.gen.scopeValue('obj', { ref: passMarks });
      cxt.gen.assign(_`${marks}[${clauseSlot(cxt.schema as string)}]`, _`${marks}[0]`);
    },
  });
}

/**
 * For the all-errors validator, where post keywords run even after failures: `x-clause` notes the
 * error count first thing in its subschema, and a post rule for the same keyword compares it at the
 * end, recording a pass or tagging every error raised in between with the clause.
 */
export function addErrorTaggingClauseKeyword(ajv: EngineAjv): void {
  const entryCounts = new WeakMap<object, Name>();
  const firstRule = ajv.RULES.rules[0]?.rules[0]?.keyword;
  ajv.addKeyword({
    keyword: 'x-clause',
    schemaType: 'string',
    metaSchema: clauseIdMetaSchema,
    ...(firstRule === undefined ? {} : { before: firstRule }),
    code(cxt: KeywordCxt) {
      entryCounts.set(cxt.it, cxt.gen.const('_clauseErrs', errorsName));
    },
  });
  const exit: CodeKeywordDefinition = {
    keyword: 'x-clause',
    schemaType: 'string',
    post: true,
    code(cxt: KeywordCxt) {
      const start = entryCounts.get(cxt.it);
      if (start !== undefined) exitCode(cxt, start);
    },
  };
  // addKeyword cannot attach a second rule to a keyword, so the exit rule joins ajv's post group
  // directly; ajv runs every rule of a group whose keyword the schema has.
  ajv.RULES.post.rules.push({
    keyword: 'x-clause',
    definition: { ...exit, type: [], schemaType: ['string'] },
  });
}

function exitCode(cxt: KeywordCxt, start: Name): void {
  const { gen } = cxt;
  const clause = cxt.schema as string;
  // A type mismatch is reported before the first keyword runs, so it is checked here again.
  const types = getSchemaTypes(cxt.parentSchema as AnySchemaObject);
  const wrongType = types.length > 0 ? checkDataTypes(types, cxt.data, cxt.it.opts.strictNumbers, DataType.Wrong) : undefined;
  const validated = wrongType === undefined ? _`${errorsName} === ${start}` : _`${errorsName} === ${start} && !(${wrongType})`;
  const marks = gen.scopeValue('obj', { ref: passMarks });
  gen.if(validated, () => gen.assign(_`${marks}[${clauseSlot(clause)}]`, _`${marks}[0]`));
  const tag = gen.scopeValue('func', { ref: tagErrors });
  gen.if(_`${errorsName} > ${start}`, () => gen.code(_`${tag}(${vErrorsName}, ${start}, ${errorsName}, ${clause})`));
}

function tagErrors(errors: TrackedError[], from: number, to: number, clause: string): void {
  for (let i = from; i < to; i++) {
    const error = errors[i];
    if (error === undefined) continue;
    const tags = error[enclosingClauses];
    if (tags === undefined) error[enclosingClauses] = [clause];
    else if (tags[tags.length - 1] !== clause) tags.push(clause);
  }
}
