import { _, Name, type CodeKeywordDefinition, type ErrorObject, type KeywordCxt } from 'ajv';
import type { EngineAjv } from './ajv-factory.ts';

/**
 * Links the errors raised inside the branches of anyOf, oneOf and contains to the keyword's own
 * error, so reports can fold a wrapper into its real failures (or drop branch failures that are not
 * spec failures). Schema paths cannot do this: errors inside a $ref carry the ref's path instead.
 */

/** Set on ajv error objects raised inside a failing anyOf/oneOf/contains: that keyword's error. */
export const wrapperError = Symbol('wrapperError');

/** An ajv error as the reporting validator leaves it. */
export type MarkedError = ErrorObject & { [wrapperError]?: ErrorObject };

/** The keywords whose branch errors get linked to their own error. */
export const branchingKeywords = ['anyOf', 'oneOf', 'contains'] as const;

const errorsName = new Name('errors');
const vErrorsName = new Name('vErrors');

/**
 * Replaces ajv's anyOf, oneOf and contains in `ajv` by the same definitions wrapped so that, when
 * the keyword fails, every error raised while it ran is linked to its error (the last one raised).
 * Validation results are unchanged; only the reporting instance needs this.
 */
export function markBranchErrors(ajv: EngineAjv): void {
  for (const keyword of branchingKeywords) {
    const original = ajv.getKeyword(keyword);
    if (typeof original !== 'object' || !('code' in original)) throw new Error(`ajv has no code keyword ${keyword}`);
    const definition = original as CodeKeywordDefinition;
    ajv.removeKeyword(keyword);
    ajv.addKeyword({ ...definition, code: wrapCode(definition.code) });
  }
}

function wrapCode(code: CodeKeywordDefinition['code']): CodeKeywordDefinition['code'] {
  return function markedCode(cxt: KeywordCxt, ruleType) {
    const { gen } = cxt;
    const start = gen.const('_branchErrs', errorsName);
    code(cxt, ruleType);
    const mark = gen.scopeValue('func', { ref: markBranches });
    gen.if(_`${errorsName} > ${start}`, () => gen.code(_`${mark}(${vErrorsName}, ${start}, ${errorsName})`));
  };
}

function markBranches(errors: MarkedError[], from: number, to: number): void {
  const wrapper = errors[to - 1];
  if (wrapper === undefined) return;
  for (let i = from; i < to - 1; i++) {
    const error = errors[i];
    if (error !== undefined && error[wrapperError] === undefined) error[wrapperError] = wrapper;
  }
}
