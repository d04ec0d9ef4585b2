/**
 * Persian messages for every keyword ajv-i18n localizes, with the error's params filled in.
 * Interpolated values (property names, patterns, limits) are wrapped in Unicode isolates
 * (FSI … PDI) so left-to-right values keep their order inside right-to-left text.
 */

type Params = Record<string, unknown>;

const typeNames: Record<string, string> = {
  string: 'رشته',
  number: 'عدد',
  integer: 'عدد صحیح',
  boolean: 'بولی',
  object: 'شیء',
  array: 'آرایه',
  null: 'تهی (null)',
};

/** `value` as left-to-right text isolated from the surrounding right-to-left text. */
export function isolate(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `\u2068${text}\u2069`;
}

const quoted = (value: unknown): string => `«${isolate(value)}»`;

const comparisons: Record<string, (limit: string) => string> = {
  '<=': (limit) => `باید حداکثر ${limit} باشد`,
  '<': (limit) => `باید کمتر از ${limit} باشد`,
  '>=': (limit) => `باید دست\u200cکم ${limit} باشد`,
  '>': (limit) => `باید بیشتر از ${limit} باشد`,
};

function comparison(params: Params): string {
  const limit = isolate(params.limit);
  const phrase = comparisons[String(params.comparison)];
  return phrase === undefined ? `باید ${isolate(params.comparison)} ${limit} باشد` : phrase(limit);
}

const atMost = (noun: string) => (params: Params) => `نباید بیش از ${isolate(params.limit)} ${noun} داشته باشد`;
const atLeast = (noun: string) => (params: Params) => `نباید کمتر از ${isolate(params.limit)} ${noun} داشته باشد`;

function dependentRequired(params: Params): string {
  const noun = Number(params.depsCount) === 1 ? 'ویژگی' : 'ویژگی\u200cهای';
  return `وقتی ویژگی ${quoted(params.property)} وجود دارد، باید ${noun} ${quoted(params.deps)} را نیز داشته باشد`;
}

function contains(params: Params): string {
  const min = isolate(params.minContains ?? 1);
  if (params.maxContains === undefined) return `باید دست\u200cکم ${min} عنصر معتبر داشته باشد`;
  return `باید دست\u200cکم ${min} و حداکثر ${isolate(params.maxContains)} عنصر معتبر داشته باشد`;
}

function discriminator(params: Params): string {
  if (params.error === 'tag') return `برچسب ${quoted(params.tag)} باید رشته باشد`;
  if (params.error === 'mapping') return `مقدار برچسب ${quoted(params.tag)} باید با یکی از طرح\u200cواره\u200cهای «oneOf» متناظر باشد`;
  return 'باید قاعده\u200cی «discriminator» را رعایت کند';
}

function type(params: Params): string {
  const names = String(params.type)
    .split(',')
    .map((name) => typeNames[name.trim()] ?? isolate(name.trim()));
  return `باید از نوع ${names.join(' یا ')} باشد`;
}

const messages: Record<string, (params: Params) => string> = {
  additionalItems: atMost('عنصر'),
  items: atMost('عنصر'),
  additionalProperties: (p) => `نباید ویژگی اضافی ${quoted(p.additionalProperty)} داشته باشد`,
  anyOf: () => 'باید دست\u200cکم با یکی از طرح\u200cواره\u200cهای «anyOf» مطابقت داشته باشد',
  const: () => 'باید برابر با مقدار ثابت تعیین\u200cشده باشد',
  contains,
  dependencies: dependentRequired,
  dependentRequired,
  discriminator,
  enum: () => 'باید برابر با یکی از مقادیر مجاز باشد',
  'false schema': () => 'طرح\u200cواره false است و هیچ مقداری را نمی\u200cپذیرد',
  format: (p) => `باید با قالب ${quoted(p.format)} مطابقت داشته باشد`,
  formatMaximum: comparison,
  formatExclusiveMaximum: comparison,
  formatMinimum: comparison,
  formatExclusiveMinimum: comparison,
  if: (p) => `باید با طرح\u200cواره\u200cی ${quoted(p.failingKeyword)} مطابقت داشته باشد`,
  maximum: comparison,
  exclusiveMaximum: comparison,
  minimum: comparison,
  exclusiveMinimum: comparison,
  maxItems: atMost('عنصر'),
  maxLength: atMost('نویسه'),
  maxProperties: atMost('ویژگی'),
  minItems: atLeast('عنصر'),
  minLength: atLeast('نویسه'),
  minProperties: atLeast('ویژگی'),
  multipleOf: (p) => `باید مضربی از ${isolate(p.multipleOf)} باشد`,
  not: () => 'نباید با طرح\u200cواره\u200cی «not» مطابقت داشته باشد',
  oneOf: () => 'باید دقیقاً با یکی از طرح\u200cواره\u200cهای «oneOf» مطابقت داشته باشد',
  pattern: (p) => `باید با الگوی ${quoted(p.pattern)} مطابقت داشته باشد`,
  patternRequired: (p) => `باید ویژگی\u200cای مطابق با الگوی ${quoted(p.missingPattern)} داشته باشد`,
  propertyNames: (p) => `نام ویژگی ${quoted(p.propertyName)} نامعتبر است`,
  required: (p) => `باید ویژگی الزامی ${quoted(p.missingProperty)} را داشته باشد`,
  type,
  unevaluatedItems: (p) => `نباید بیش از ${isolate(p.len)} عنصر داشته باشد`,
  unevaluatedProperties: (p) => `نباید ویژگی ارزیابی\u200cنشده\u200cی ${quoted(p.unevaluatedProperty)} داشته باشد`,
  uniqueItems: (p) => `نباید عنصر تکراری داشته باشد (عنصرهای ${isolate(p.j)} و ${isolate(p.i)} یکسان\u200cاند)`,
};

/** The keywords this module has a Persian message for (every keyword ajv-i18n covers). */
export const persianKeywords: readonly string[] = Object.keys(messages);

/** The Persian message for an ajv error of `keyword` with `params`. */
export function persianMessage(keyword: string, params: Params): string {
  const message = messages[keyword];
  return message === undefined ? `باید قاعده\u200cی ${quoted(keyword)} را رعایت کند` : message(params);
}
