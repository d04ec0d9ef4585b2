import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { commonId, commonSchema, prepareProduct, productSchema } from './fixtures.ts';

test('when a standard is indexed, then its clauses come in document order with $ref targets where they are reached', () => {
  const clauses = createConformanceEngine().clauseIndex(productSchema(), [commonSchema()]);
  assert.deepEqual(
    clauses.map((c) => c.clause),
    ['1', '2.1', 'C.2', '3.1', '4', '4.1', '4.1.1', '5.1', '5.2', '6', '6.1', '6.2', '7', '7.0', '7.1', '7.2', '8', '8.1', '9', '9.1', '10', '10.1', '10.2', '11', '11.1', '11.2'],
  );
});

test('when a referenced document has clauses the standard never reaches, then they are not in its index', () => {
  const clauses = createConformanceEngine().clauseIndex(productSchema(), [commonSchema()]);
  assert.equal(clauses.some((c) => c.clause === 'C.9'), false);
});

test('when a clause lives in a referenced document, then its pointer is prefixed by that document $id', () => {
  const clauses = createConformanceEngine().clauseIndex(productSchema(), [commonSchema()]);
  const byId = new Map(clauses.map((c) => [c.clause, c]));
  assert.equal(byId.get('1')?.pointer, '');
  assert.equal(byId.get('4.1.1')?.pointer, '/properties/ports/items/properties/kind');
  assert.equal(byId.get('C.2')?.pointer, `${commonId}#/$defs/hsCode`);
});

test('when a clause carries x- annotations, then the index reads title, unit, source and illustrative from them', () => {
  const clauses = createConformanceEngine().clauseIndex(productSchema(), [commonSchema()]);
  const byId = new Map(clauses.map((c) => [c.clause, c]));
  assert.deepEqual(byId.get('C.2'), {
    clause: 'C.2',
    title: { en: 'HS code', ru: 'Код ТН ВЭД', fa: 'کد HS' },
    requirement: null,
    unit: null,
    source: ['WCO HS 2022'],
    illustrative: false,
    pointer: `${commonId}#/$defs/hsCode`,
  });
  assert.equal(byId.get('3.1')?.unit, 'V');
  assert.equal(byId.get('3.1')?.illustrative, true);
  assert.deepEqual(byId.get('1')?.title, { en: 'Product' });
});

test('when two subschemas carry the same clause id, then the clause is listed once, from the first', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { 'x-clause': '5', 'x-title': { en: 'first' } },
      b: { 'x-clause': '5', 'x-title': { en: 'second' } },
    },
  };
  const clauses = createConformanceEngine().clauseIndex(schema, []);
  assert.deepEqual(clauses.map((c) => [c.clause, c.title?.en, c.pointer]), [['5', 'first', '/properties/a']]);
});

test('when a schema has no x- annotations, then its clause index is empty and it still compiles', () => {
  const engine = createConformanceEngine();
  const schema = { type: 'object', properties: { a: { type: 'string' } } };
  assert.deepEqual(engine.clauseIndex(schema, []), []);
  assert.doesNotThrow(() => engine.assertCompiles(schema, []));
});

test('when a const value looks like an annotated schema, then it is data and adds no clause', () => {
  const schema = { const: { 'x-clause': '9.9' }, properties: { a: { enum: [{ 'x-clause': '9.8' }] } } };
  assert.deepEqual(createConformanceEngine().clauseIndex(schema, []), []);
});

test('when a standard is prepared, then PreparedStandard exposes the same clause index, frozen', () => {
  const { prepared } = prepareProduct();
  const expected = createConformanceEngine().clauseIndex(productSchema(), [commonSchema()]);
  assert.deepEqual([...prepared.clauses], expected);
  assert.equal(Object.isFrozen(prepared.clauses), true);
  assert.equal(Object.isFrozen(prepared.clauses[0]), true);
});
