/**
 * Rewrites an ECMAScript regular expression (as JSON Schema and ajv read it, with the `u` flag)
 * into RE2 syntax with the same meaning, or says why RE2 cannot run it. RE2 matches in time linear
 * in the input, so it has no back-references and no look-around; a few escapes also differ
 * (`\s` and `.` are wider in ECMAScript, `\u` is spelled `\x{…}`, long Unicode property names).
 */

/** A pattern RE2 cannot run with ECMAScript's meaning; `reason` says which construct. */
export class UnsupportedPatternError extends Error {
  constructor(readonly pattern: string, readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedPatternError';
  }
}

// ECMAScript's \s: WhiteSpace and LineTerminator code points (RE2's \s is only [\t\n\f\r ]).
const whiteSpace = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
// ECMAScript's `.` without the s flag excludes every line terminator; RE2's excludes only \n.
const anyButLineTerminator = '[^\\n\\r\\x{2028}\\x{2029}]';
const anyCodePoint = '\\x{0}-\\x{10ffff}';

const categoryNames: Readonly<Record<string, string>> = {
  Letter: 'L', Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt', Modifier_Letter: 'Lm', Other_Letter: 'Lo',
  Mark: 'M', Combining_Mark: 'M', Nonspacing_Mark: 'Mn', Spacing_Mark: 'Mc', Enclosing_Mark: 'Me',
  Number: 'N', Decimal_Number: 'Nd', digit: 'Nd', Letter_Number: 'Nl', Other_Number: 'No',
  Punctuation: 'P', punct: 'P', Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd', Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe', Initial_Punctuation: 'Pi', Final_Punctuation: 'Pf', Other_Punctuation: 'Po',
  Symbol: 'S', Math_Symbol: 'Sm', Currency_Symbol: 'Sc', Modifier_Symbol: 'Sk', Other_Symbol: 'So',
  Separator: 'Z', Space_Separator: 'Zs', Line_Separator: 'Zl', Paragraph_Separator: 'Zp',
  Other: 'C', Control: 'Cc', cntrl: 'Cc', Format: 'Cf', Surrogate: 'Cs', Private_Use: 'Co', Unassigned: 'Cn',
};

const hex = (codePoint: number) => `\\x{${codePoint.toString(16)}}`;

/**
 * `pattern` (ECMAScript syntax, assumed valid with the `u` flag) in RE2 syntax. Throws
 * UnsupportedPatternError for back-references and look-around, and for `\S` inside a class.
 */
export function toRe2Syntax(pattern: string): string {
  const refuse = (reason: string): never => {
    throw new UnsupportedPatternError(pattern, reason);
  };
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const [text, next] = translateEscape(pattern, i, inClass, refuse);
      out += text;
      i = next;
    } else if (inClass) {
      if (char === ']') inClass = false;
      // A literal "[" inside a class would open a POSIX class ([:alpha:]) in RE2.
      out += char === '[' ? '\\[' : char;
      i += 1;
    } else if (char === '[') {
      const [text, next, open] = openClass(pattern, i);
      out += text;
      inClass = open;
      i = next;
    } else if (char === '(' && pattern[i + 1] === '?') {
      const [text, next] = translateGroup(pattern, i, refuse);
      out += text;
      i = next;
    } else {
      out += char === '.' ? anyButLineTerminator : char;
      i += 1;
    }
  }
  return out;
}

function openClass(pattern: string, i: number): [string, number, boolean] {
  if (pattern.startsWith('[^]', i)) return [`[${anyCodePoint}]`, i + 3, false];
  if (pattern.startsWith('[]', i)) return [`[^${anyCodePoint}]`, i + 2, false];
  if (pattern.startsWith('[^', i)) return ['[^', i + 2, true];
  return ['[', i + 1, true];
}

function translateGroup(pattern: string, i: number, refuse: (reason: string) => never): [string, number] {
  const head = pattern.slice(i, i + 4);
  if (head.startsWith('(?=') || head.startsWith('(?!')) refuse(`look-ahead "${head.slice(0, 3)}" is not supported by RE2 (linear-time matching)`);
  if (head === '(?<=' || head === '(?<!') refuse(`look-behind "${head}" is not supported by RE2 (linear-time matching)`);
  if (head.startsWith('(?<')) return ['(?P<', i + 3];
  return ['(?', i + 2];
}

type Refuse = (reason: string) => never;

function translateEscape(pattern: string, i: number, inClass: boolean, refuse: Refuse): [string, number] {
  const letter = pattern[i + 1] ?? '';
  switch (letter) {
    case 's':
      return [inClass ? whiteSpace : `[${whiteSpace}]`, i + 2];
    case 'S':
      if (inClass) refuse('"\\S" inside a character class is not supported; list the characters instead');
      return [`[^${whiteSpace}]`, i + 2];
    case 'v':
      return ['\\x{b}', i + 2];
    case '0':
      return ['\\x{0}', i + 2];
    case 'b':
      return [inClass ? '\\x{8}' : '\\b', i + 2];
    case 'k':
      return refuse('named back-reference "\\k<…>" is not supported by RE2 (linear-time matching)');
    case 'c':
      return [hex((pattern.charCodeAt(i + 2) % 32)), i + 3];
    case 'x':
      return [`\\x{${pattern.slice(i + 2, i + 4)}}`, i + 4];
    case 'u':
      return unicodeEscape(pattern, i);
    case 'p':
    case 'P':
      return propertyEscape(pattern, i, refuse);
    case '/':
      return ['/', i + 2];
    default:
      if (/[1-9]/.test(letter)) refuse(`back-reference "\\${letter}" is not supported by RE2 (linear-time matching)`);
      return [`\\${letter}`, i + 2];
  }
}

function unicodeEscape(pattern: string, i: number): [string, number] {
  if (pattern[i + 2] === '{') {
    const end = pattern.indexOf('}', i);
    return [hex(Number.parseInt(pattern.slice(i + 3, end), 16)), end + 1];
  }
  const unit = Number.parseInt(pattern.slice(i + 2, i + 6), 16);
  const low = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(pattern.slice(i + 6, i + 12)) ? Number.parseInt(pattern.slice(i + 8, i + 12), 16) : -1;
  // With the u flag a \u escape of a surrogate pair stands for one code point.
  if (unit >= 0xd800 && unit <= 0xdbff && low >= 0) return [hex(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)), i + 12];
  return [hex(unit), i + 6];
}

function propertyEscape(pattern: string, i: number, refuse: Refuse): [string, number] {
  const end = pattern.indexOf('}', i);
  const body = pattern.slice(i + 3, end);
  const [key, value] = body.includes('=') ? (body.split('=') as [string, string]) : [null, body];
  let name: string | undefined;
  if (key === null) name = categoryNames[value] ?? (/^[A-Z][a-z]?$/.test(value) || value === 'Any' ? value : undefined);
  else if (key === 'General_Category' || key === 'gc') name = categoryNames[value] ?? value;
  else if (key === 'Script' || key === 'sc') name = value;
  if (name === undefined) refuse(`Unicode property "\\${pattern[i + 1]}{${body}}" is not supported by RE2`);
  return [`\\${pattern[i + 1]}{${name}}`, end + 1];
}
