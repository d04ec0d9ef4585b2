import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import type { EngineAjv } from './ajv-factory.ts';
import { toRe2Syntax, UnsupportedPatternError } from './regexp-syntax.ts';

/**
 * Regular expressions for the engine on RE2 semantics (re2js, pure JavaScript): matching takes time
 * linear in the input whatever the pattern, so no schema can make a check backtrack for ever.
 * See README "Limits" for why re2js rather than the native `re2` or `re2-wasm`.
 */

/** What ajv needs of a compiled pattern; `toString` is ajv's cache key, one per pattern. */
export interface LinearRegExp {
  test(input: string): boolean;
  toString(): string;
}

/**
 * Compiles `pattern` (ECMAScript syntax with the `u` flag, as JSON Schema reads it) for RE2. Throws
 * UnsupportedPatternError naming the construct when the pattern is not valid ECMAScript or uses one
 * RE2 cannot run (back-reference, look-around, …). `flags` may add `i`.
 */
export function compileLinearRegExp(pattern: string, flags = 'u'): LinearRegExp {
  try {
    // Syntax as JSON Schema defines it; V8 only parses here and never matches.
    new RegExp(pattern, flags.includes('u') ? flags : `${flags}u`);
  } catch (error) {
    throw new UnsupportedPatternError(pattern, `not a valid regular expression: ${(error as Error).message}`);
  }
  const source = toRe2Syntax(pattern);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new UnsupportedPatternError(pattern, `not supported by RE2: ${(error as Error).message}`);
  }
  const key = `/${pattern}/${flags}`;
  return { test: (input) => compiled.test(input), toString: () => key };
}

/** The `code.regExp` option for ajv: every pattern and patternProperties key compiles with compileLinearRegExp. */
export const linearRegExpEngine: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => compileLinearRegExp(pattern, flags),
  { code: 'compileLinearRegExp' },
);

/**
 * Replaces ajv-formats' regular-expression formats (email, ipv6, uri-reference, …) by RE2 versions:
 * ajv runs format regexes itself, not through `code.regExp`. Three use look-around and stay on V8:
 * duration, hostname and url (fixed, reviewed expressions whose repetitions are bounded or separated
 * by literals, not schema text). The function formats (uri, date-time, regex, …) are left as they are.
 */
export function useLinearFormats(ajv: EngineAjv): void {
  for (const [name, format] of Object.entries(ajv.formats)) {
    if (!(format instanceof RegExp)) continue;
    const linear = linearFormat(format);
    if (linear !== null) ajv.addFormat(name, { type: 'string', validate: (value: string) => linear.test(value) });
  }
}

// Compiled once per process: every ajv instance (one set per standard) shares them.
const linearFormats = new Map<string, LinearRegExp | null>();

function linearFormat(format: RegExp): LinearRegExp | null {
  const key = `/${format.source}/${format.flags}`;
  let linear = linearFormats.get(key);
  if (linear === undefined) {
    try {
      linear = compileLinearRegExp(format.source, format.flags);
    } catch (error) {
      if (!(error instanceof UnsupportedPatternError)) throw error;
      linear = null;
    }
    linearFormats.set(key, linear);
  }
  return linear;
}
