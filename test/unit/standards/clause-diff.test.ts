import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { diffClauseDocuments } from '../../../server/domain/standards/clause-diff/diff.ts';

const text = (en: string, fa = `${en} (fa)`) => ({ en, ru: `${en} (ru)`, fa });
const clause = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  'x-clause': id, 'x-title': text(title), 'x-requirement': text(`${title} requirement`), 'x-source': `Source of ${id}`, ...extra,
});

/** A small standard: markets (4.2), radio (5) with two bands (5.1, 5.2) and DFS under a condition (5.3), a legacy clause (6). */
type Schema = Record<string, unknown>;

/** The properties of the subschema at the property path `names` (none: the root). */
function props(schema: Schema, ...names: string[]): Record<string, Schema> {
  return names.reduce((node, name) => (node.properties as Record<string, Schema>)[name]!, schema).properties as Record<string, Schema>;
}

/** The subschema of property path `names`. */
function prop(schema: Schema, ...names: string[]): Schema {
  return props(schema, ...names.slice(0, -1))[names.at(-1)!]!;
}

function version1(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:irru:std:TEST-DIFF:1.0.0',
    type: 'object',
    required: ['markets', 'radio'],
    properties: {
      markets: clause('4.2', 'Markets', { type: 'array', minItems: 1, items: { enum: ['IR', 'RU'] } }),
      radio: clause('5', 'Radio', {
        type: 'object',
        required: ['band1'],
        properties: {
          supported5g: { type: 'boolean' },
          dfs: { type: 'boolean' },
          band1: clause('5.1', 'Band 1 power', { 'x-unit': 'dBm', type: 'number', maximum: 23 }),
          band2: clause('5.2', 'Band 2 power', { 'x-unit': 'dBm', type: 'number', maximum: 20 }),
        },
        if: { properties: { supported5g: { const: true } }, required: ['supported5g'] },
        then: clause('5.3', 'DFS', { required: ['dfs'], properties: { dfs: { const: true } } }),
      }),
      legacy: clause('6', 'Legacy marking', { type: 'string', pattern: '^[A-Z]+$' }),
    },
  };
}

function diff(change: (schema: Schema) => void) {
  const after = version1();
  change(after);
  return diffClauseDocuments({ schema: version1(), referenced: [] }, { schema: after, referenced: [] });
}

const changedIds = (result: ReturnType<typeof diff>) => result.changed.map((entry) => entry.clause);

describe('clause-level diff', () => {
  test('when a band is added, then exactly that clause is added, with its rules, and nothing else changes', () => {
    const result = diff((schema) => {
      props(schema, 'radio').band3 = clause('5.4', 'Band 3 power', { 'x-unit': 'dBm', type: 'number', maximum: 30 });
    });
    assert.deepEqual(result.added.map((entry) => entry.clause), ['5.4']);
    assert.deepEqual(result.removed, []);
    assert.deepEqual(result.changed, []);
    assert.equal(result.unchanged, 6);
    const added = result.added[0]!;
    assert.deepEqual(added.title, text('Band 3 power'));
    assert.equal(added.unit, 'dBm');
    assert.equal(added.pointer, '/properties/radio/properties/band3');
    assert.deepEqual(added.rules.map(({ aspect, at, keyword, value }) => [aspect, at, keyword, value]), [
      ['required', 'radio.band3', 'required', []],
      ['limit', 'radio.band3', 'maximum', 30],
      ['type', 'radio.band3', 'type', 'number'],
    ]);
  });

  test('when a limit is tightened, then that clause reports the old and the new limit, nothing else', () => {
    const result = diff((schema) => { prop(schema, 'radio', 'band1').maximum = 20; });
    assert.deepEqual(changedIds(result), ['5.1']);
    assert.deepEqual(result.changed[0]!.changes, [{ aspect: 'limit', at: 'radio.band1', keyword: 'maximum', from: 23, to: 20 }]);
    assert.deepEqual([result.added, result.removed, result.unchanged], [[], [], 5]);
  });

  test('when an enum value is added, then the clause reports both lists and the value added', () => {
    const result = diff((schema) => { (prop(schema, 'markets').items as Schema).enum = ['IR', 'RU', 'KZ']; });
    assert.deepEqual(changedIds(result), ['4.2']);
    assert.deepEqual(result.changed[0]!.changes, [
      { aspect: 'enum', at: 'markets[]', keyword: 'enum', from: ['IR', 'RU'], to: ['IR', 'RU', 'KZ'], added: ['KZ'], removed: [] },
    ]);
  });

  test('when a requirement text changes in Persian only, then only the Persian requirement is reported', () => {
    const result = diff((schema) => { (prop(schema, 'radio', 'band2')['x-requirement'] as Schema).fa = 'توان باند ۲ حداکثر ۱۸ dBm است'; });
    assert.deepEqual(changedIds(result), ['5.2']);
    assert.deepEqual(result.changed[0]!.changes, [
      { aspect: 'requirement', language: 'fa', from: 'Band 2 power requirement (fa)', to: 'توان باند ۲ حداکثر ۱۸ dBm است' },
    ]);
  });

  test('when a condition changes, then the clause holding it and the clause applying under it report the old and new condition', () => {
    const newCondition = { properties: { supported5g: { const: true }, outdoor: { const: true } }, required: ['supported5g'] };
    const result = diff((schema) => { prop(schema, 'radio').if = newCondition; });
    const oldCondition = prop(version1(), 'radio').if;
    assert.deepEqual(changedIds(result), ['5', '5.3']);
    for (const entry of result.changed) {
      assert.deepEqual(entry.changes, [{ aspect: 'condition', at: 'radio', keyword: 'if', from: oldCondition, to: newCondition }], entry.clause);
    }
  });

  test('when a clause is removed, then exactly that clause is reported removed, with what it stated', () => {
    const result = diff((schema) => { delete props(schema).legacy; });
    assert.deepEqual(result.removed.map((entry) => entry.clause), ['6']);
    assert.deepEqual(result.removed[0]!.rules.map(({ aspect, keyword, value }) => [aspect, keyword, value]), [
      ['required', 'required', []], ['pattern', 'pattern', '^[A-Z]+$'], ['type', 'type', 'string'],
    ]);
    assert.deepEqual([result.added, result.changed, result.unchanged], [[], [], 5]);
  });

  test('when a field becomes required, when a unit, a source and the illustrative mark change, then each is reported on its clause', () => {
    const result = diff((schema) => {
      prop(schema, 'radio').required = ['band1', 'band2'];
      prop(schema, 'radio', 'band1')['x-unit'] = 'mW';
      prop(schema, 'radio', 'band1')['x-source'] = ['Source of 5.1', 'ETSI EN 300 328'];
      prop(schema, 'radio', 'band1')['x-illustrative'] = true;
    });
    assert.deepEqual(changedIds(result), ['5.1', '5.2']);
    assert.deepEqual(result.changed[0]!.changes, [
      { aspect: 'unit', from: 'dBm', to: 'mW' },
      { aspect: 'source', from: ['Source of 5.1'], to: ['Source of 5.1', 'ETSI EN 300 328'] },
      { aspect: 'illustrative', from: false, to: true },
    ]);
    assert.deepEqual(result.changed[1]!.changes, [{ aspect: 'required', at: 'radio.band2', keyword: 'required', from: [], to: ['radio'] }]);
  });

  test('when a rule inside a conditional branch changes, then it is reported where it sits', () => {
    const result = diff((schema) => { ((prop(schema, 'radio').then as Schema).properties as Schema).dfs = { const: false }; });
    assert.deepEqual(changedIds(result), ['5.3']);
    assert.deepEqual(result.changed[0]!.changes, [{ aspect: 'const', at: 'radio[then].dfs', keyword: 'const', from: true, to: false }]);
  });

  test('when only annotations change (description, $comment), then nothing is reported', () => {
    const result = diff((schema) => {
      prop(schema, 'radio').description = 'now described';
      prop(schema, 'radio', 'band1').$comment = 'a note';
    });
    assert.deepEqual([result.added, result.removed, result.changed, result.unchanged], [[], [], [], 6]);
  });

  test('a shipped standard compared with itself has no difference, every clause unchanged', () => {
    const read = (code: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/standards', `${code}.json`), 'utf8')).schema;
    const common = read('IRRU-COMMON');
    for (const code of ['IRRU-UE', 'IRRU-WLAN']) {
      const result = diffClauseDocuments({ schema: read(code), referenced: [common] }, { schema: read(code), referenced: [common] });
      assert.deepEqual([result.added, result.removed, result.changed], [[], [], []], code);
      assert.ok(result.unchanged > 50, `${code}: ${result.unchanged} clauses`);
    }
  });

  test('a referenced common clause changed in a new common version is reported on that clause', () => {
    const read = (code: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/standards', `${code}.json`), 'utf8')).schema;
    const common = read('IRRU-COMMON');
    const changed = structuredClone(common);
    const hsCode = changed.$defs.hsCode;
    hsCode['x-requirement'].ru = `${hsCode['x-requirement'].ru} (изм.)`;
    const result = diffClauseDocuments({ schema: read('IRRU-WLAN'), referenced: [common] }, { schema: read('IRRU-WLAN'), referenced: [changed] });
    assert.equal(hsCode['x-clause'], 'C.2');
    assert.deepEqual(result.changed.map((entry) => [entry.clause, entry.changes.map((c) => [c.aspect, c.language])]), [['C.2', [['requirement', 'ru']]]]);
  });
});
