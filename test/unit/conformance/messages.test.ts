import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { persianKeywords, persianMessage } from '../../../server/domain/conformance/messages-fa.ts';

const require = createRequire(import.meta.url);
const enLocalizer = readFileSync(require.resolve('ajv-i18n/localize/en'), 'utf8');
const i18nKeywords = [...enLocalizer.matchAll(/case "([^"]+)":/g)]
  .map((match) => match[1] as string)
  .filter((keyword) => keyword !== 'tag' && keyword !== 'mapping'); // sub-cases of discriminator

/** One value for every param name ajv's errors use. */
const everyParam = {
  limit: 3, comparison: '<=', missingProperty: 'brand', type: 'string', additionalProperty: 'extra',
  allowedValue: 1, allowedValues: [1], minContains: 1, property: 'a', deps: 'b', depsCount: 1,
  error: 'tag', tag: 'kind', format: 'date', failingKeyword: 'then', multipleOf: 2, pattern: '^a$',
  missingPattern: '^b', propertyName: 'p', len: 2, unevaluatedProperty: 'u', i: 1, j: 0, passingSchemas: null,
};

const plain = (text: string): string => text.replace(/[\u2068\u2069]/g, '');

test('when ajv-i18n localizes a keyword, then there is a Persian message for it too', () => {
  assert.ok(i18nKeywords.length >= 35, `only ${i18nKeywords.length} keywords found`);
  assert.deepEqual(i18nKeywords.filter((keyword) => !persianKeywords.includes(keyword)), []);
});

test('when a Persian message is built, then it is Persian text with the params filled in', () => {
  for (const keyword of persianKeywords) {
    const message = persianMessage(keyword, everyParam);
    assert.match(message, /[\u0600-\u06FF]/, keyword);
    assert.doesNotMatch(message, /undefined/, keyword);
  }
});

test('when a required property is missing, then the Persian message names it, isolated for bidi', () => {
  assert.equal(persianMessage('required', { missingProperty: 'brand' }), 'باید ویژگی الزامی «\u2068brand\u2069» را داشته باشد');
});

test('when limits and comparisons are reported, then Persian uses words, not symbols', () => {
  assert.equal(plain(persianMessage('maximum', { comparison: '<=', limit: 240 })), 'باید حداکثر 240 باشد');
  assert.equal(plain(persianMessage('exclusiveMinimum', { comparison: '>', limit: 0 })), 'باید بیشتر از 0 باشد');
  assert.equal(plain(persianMessage('maxLength', { limit: 8 })), 'نباید بیش از 8 نویسه داشته باشد');
  assert.equal(plain(persianMessage('minItems', { limit: 1 })), 'نباید کمتر از 1 عنصر داشته باشد');
});

test('when a type error names several types, then each is translated and joined with "or"', () => {
  assert.equal(persianMessage('type', { type: 'integer,null' }), 'باید از نوع عدد صحیح یا تهی (null) باشد');
});

test('when dependentRequired names one or several properties, then the noun agrees', () => {
  assert.match(plain(persianMessage('dependentRequired', { property: 'a', deps: 'b', depsCount: 1 })), /باید ویژگی «b»/);
  assert.match(plain(persianMessage('dependentRequired', { property: 'a', deps: 'b, c', depsCount: 2 })), /باید ویژگی‌های «b, c»/);
});

test('when contains has a maximum, then the Persian message gives both bounds', () => {
  assert.equal(plain(persianMessage('contains', { minContains: 1 })), 'باید دست‌کم 1 عنصر معتبر داشته باشد');
  assert.equal(plain(persianMessage('contains', { minContains: 2, maxContains: 4 })), 'باید دست‌کم 2 و حداکثر 4 عنصر معتبر داشته باشد');
});

test('when a keyword has no Persian message, then a generic one names it', () => {
  assert.equal(plain(persianMessage('x-unknown', {})), 'باید قاعده‌ی «x-unknown» را رعایت کند');
});
