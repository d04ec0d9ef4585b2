import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../../../server/domain/errors.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { commonSchema, productSchema } from './fixtures.ts';

const engine = createConformanceEngine();

function rejection(schema: Record<string, unknown>, referenced: Record<string, unknown>[] = []): { code: string; message: string } {
  try {
    engine.assertCompiles(schema, referenced);
  } catch (error) {
    assert.ok(isDomainError(error), `expected a DomainError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('schema was accepted');
}

test('when the annotated standard and its referenced document are checked, then they compile', () => {
  assert.doesNotThrow(() => engine.assertCompiles(productSchema(), [commonSchema()]));
});

test('when a schema uses an unknown keyword, then it is rejected as invalid_schema naming the keyword', () => {
  const { code, message } = rejection({ type: 'object', properties: { colour: { type: 'string', colour: 'red' } } });
  assert.equal(code, 'invalid_schema');
  assert.match(message, /unknown keyword: "colour"/);
});

test('when x-title lacks its English text, then the schema is rejected as invalid_schema naming x-title', () => {
  const { code, message } = rejection({ type: 'object', 'x-clause': '1', 'x-title': { ru: 'Только русский' } });
  assert.equal(code, 'invalid_schema');
  assert.match(message, /x-title/);
  assert.match(message, /required property 'en'/);
});

test('when x- annotations have the wrong type, then each is rejected', () => {
  assert.match(rejection({ 'x-clause': 5 }).message, /x-clause/);
  assert.match(rejection({ 'x-clause': ' 5.1' }).message, /x-clause/);
  assert.match(rejection({ 'x-unit': 3 }).message, /x-unit/);
  assert.match(rejection({ 'x-source': [] }).message, /x-source/);
  assert.match(rejection({ 'x-illustrative': 'yes' }).message, /x-illustrative/);
  assert.match(rejection({ 'x-requirement': { en: 'x', de: 'y' } }).message, /x-requirement/);
});

test('when a pattern needs a back-reference, then it is rejected as invalid_schema naming the rule, pointer and pattern', () => {
  const { code, message } = rejection({ properties: { model: { type: 'string', pattern: '^(a)\\1$' } } });
  assert.equal(code, 'invalid_schema');
  assert.match(message, /regular expression refused at "\/properties\/model\/pattern" \("\^\(a\)\\\\1\$"\): back-reference/);
});

test('when a patternProperties key needs look-ahead, then it is rejected too', () => {
  const { message } = rejection({ patternProperties: { '^(?=x)y$': { type: 'string' } } });
  assert.match(message, /at "\/patternProperties\/\^\(\?=x\)y\$".*look-ahead/);
});

test('when a referenced document carries a look-behind, then the upload is rejected', () => {
  const referenced = { $id: 'urn:test:bad', $defs: { a: { pattern: '(?<!a)b' } } };
  const { message } = rejection({ $ref: 'urn:test:bad#/$defs/a' }, [referenced]);
  assert.match(message, /referenced schema urn:test:bad: regular expression refused at "\/\$defs\/a\/pattern".*look-behind/);
});

test('when a schema uses an unknown format, then it is rejected', () => {
  assert.match(rejection({ type: 'string', format: 'imei' }).message, /unknown format "imei"/);
});

test('when a schema refers to a remote document it was not given, then it is rejected and nothing is fetched', () => {
  const { code, message } = rejection({ $ref: 'https://example.com/schemas/remote.json' });
  assert.equal(code, 'invalid_schema');
  assert.match(message, /can't resolve reference https:\/\/example\.com\/schemas\/remote\.json/);
});

test('when a schema only breaks strictTypes-style lint, then it is accepted', () => {
  assert.doesNotThrow(() => engine.assertCompiles({ properties: { a: { minimum: 1 } }, required: ['b'], prefixItems: [{}] }, []));
  assert.doesNotThrow(() => engine.assertCompiles({ type: ['string', 'number'] }, []));
});

test('when assertCompiles has checked a schema, then nothing is cached: a later, different schema with the same $id compiles', () => {
  engine.assertCompiles({ $id: 'urn:test:same', type: 'string' }, []);
  assert.doesNotThrow(() => engine.assertCompiles({ $id: 'urn:test:same', type: 'number' }, []));
});

test('when prepare is given a schema that does not compile, then it throws invalid_schema as well', () => {
  assert.throws(
    () => engine.prepare({ code: 'BAD', version: '1', contentHash: 'h', schema: { type: 'object', colour: 1 } }, []),
    (error: unknown) => isDomainError(error, 'invalid_schema'),
  );
});

test('when x-mutual-recognition is well-formed at the root, then it compiles; malformed or below the root, then invalid_schema', () => {
  assert.doesNotThrow(() => engine.assertCompiles({ $id: 'urn:test:recognition:1', 'x-mutual-recognition': ['IR', 'RU'], type: 'object' }, []));
  assert.match(rejection({ 'x-mutual-recognition': ['IR'] }).message, /x-mutual-recognition/);
  assert.match(rejection({ 'x-mutual-recognition': ['IR', 'XX'] }).message, /x-mutual-recognition/);
  assert.match(rejection({ properties: { a: { 'x-mutual-recognition': ['IR', 'RU'] } } }).message, /x-mutual-recognition is allowed only at the root/);
});
