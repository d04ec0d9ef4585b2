import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { commonDocument, conformingRadioSpec, radioDocument } from '../../fixtures/test-standards.ts';
import { hasMessage } from '../../../server/http/web/i18n/translate.ts';
import { buildForm, maxArrayRows, parseFormNumber, prepareFormSchema, readForm, type FormModel, type FormNode } from '../../../server/http/web/schema-form/index.ts';

const schemasDir = join(import.meta.dirname, '..', '..', '..', 'schemas');
const readJson = (path: string) => JSON.parse(readFileSync(join(schemasDir, path), 'utf8')) as Record<string, unknown>;
const shipped = (code: string) => readJson(`standards/${code}.json`).schema as Record<string, unknown>;

const radio = () => prepareFormSchema(radioDocument().schema, [commonDocument.schema]);
const wlan = () => prepareFormSchema(shipped('IRRU-WLAN'), [shipped('IRRU-COMMON')]);

/** Every node of a built form, depth first. */
function nodes(model: FormModel): FormNode[] {
  const out: FormNode[] = [];
  const walk = (list: FormNode[]) => list.forEach((node) => { out.push(node); walk(node.children ?? []); });
  walk(model.fields);
  return out;
}

const node = (model: FormModel, name: string) => nodes(model).find((n) => n.name === name);

/** What a browser posts for a built form, as it shows it (selected options, checked boxes, typed text). */
function posted(model: FormModel): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const n of nodes(model)) {
    if (n.isCheckboxes) body[n.name] = n.options!.filter((o) => o.selected).map((o) => o.value);
    else if (n.isSelect) body[n.name] = n.options!.find((o) => o.selected)?.value ?? '';
    else if (n.isInput || n.isJson) body[n.name] = n.value ?? '';
  }
  return body;
}

/** JSON with keys sorted and the checkbox arrays (sets) in order, for comparing specs. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
}

describe('schema form: building', () => {
  test('TEST-RADIO: clause titles in the page language as labels, inputs by type, units beside numbers, $ref into TEST-COMMON followed', () => {
    const model = buildForm(radio(), { values: {} }, 'fa');
    const power = node(model, '/power')!;
    assert.equal(power.label, 'Output power (fa)');
    assert.equal(power.clause, '5.1');
    assert.deepEqual([power.isInput, power.inputType, power.unit, power.step, power.max, power.min], [true, 'number', 'dBm', 'any', '23', null]);
    assert.equal(power.required, true);
    const hsCode = node(model, '/identification/hsCode')!;
    assert.deepEqual([hsCode.label, hsCode.clause, hsCode.inputType], ['Classification (fa)', '4.1', 'text']);
    const markets = node(model, '/targetMarkets')!;
    assert.equal(markets.isCheckboxes, true);
    assert.deepEqual(markets.options!.map((o) => o.value), ['IR', 'RU']);
    const wifi5 = node(model, '/wifi5')!;
    assert.deepEqual(wifi5.options!.map((o) => [o.value, o.label]), [['', '— اعلام‌نشده —'], ['true', 'بله'], ['false', 'خیر']]);
    const variants = node(model, '/identification/variants')!;
    assert.equal(variants.isList, true);
    assert.deepEqual(variants.children!.map((c) => c.name), ['/identification/variants/0']);
    assert.equal(variants.addAction, 'add:/identification/variants');
    assert.equal(model.fieldIds.get('/power'), 'field-power');
    assert.equal(model.fieldIds.get('/identification/manufacturer/name'), 'field-identification.manufacturer.name');
  });

  test('if/then: the DFS field appears only while 5 GHz is declared (or it holds a value), labelled by the then-branch clause', () => {
    const form = radio();
    assert.equal(node(buildForm(form, { values: { wifi5: false } }, 'en'), '/dfs'), undefined);
    const shown = node(buildForm(form, { values: { wifi5: true } }, 'en'), '/dfs')!;
    assert.deepEqual([shown.label, shown.clause, shown.required], ['Dynamic frequency selection', '5.2', true]);
    assert.ok(node(buildForm(form, { values: { wifi5: false, dfs: true } }, 'en'), '/dfs'), 'a value is never hidden');
  });

  test('a shipped standard (IRRU-WLAN): enums as selects, nested if/then sections follow the values, units and dates', () => {
    const form = wlan();
    const off = buildForm(form, { values: { radio: { band2g4: { supported: false } } } }, 'ru');
    assert.equal(node(off, '/radio/band2g4/maxEirp'), undefined, 'limits of an unsupported band are not asked');
    const on = buildForm(form, { values: { radio: { band2g4: { supported: true }, band5g: { supported: true, subBands: ['5250-5350'] } } } }, 'ru');
    const eirp = node(on, '/radio/band2g4/maxEirp')!;
    assert.deepEqual([eirp.clause, eirp.unit, eirp.max, eirp.label], ['5.2.1', 'dBm', '20', 'Максимальная ЭИИМ 2,4 ГГц']);
    assert.ok(node(on, '/radio/band5g/maxEirp5250to5350'), 'a then nested in a then applies once its own if holds');
    assert.equal(node(on, '/radio/band5g/maxEirp5150to5250'), undefined);
    assert.deepEqual(node(on, '/deviceType')!.options!.map((o) => o.value), ['', 'router', 'access-point', 'mesh-node', 'outdoor-bridge']);
    assert.equal(node(on, '/radio/testReport/issueDate')!.inputType, 'date');
    assert.ok(node(on, '/radio/testReport/standards/0')!.suggestions!.includes('ETSI EN 300 328 V2.2.2'), 'anyOf string enums are offered as suggestions');
  });

  test('a property without a clause title is labelled from the property catalog in the page language, never by its raw name', () => {
    const lastName = (n: FormNode) => n.name.split('/').pop()!;
    let checked = 0;
    for (const code of readdirSync(join(schemasDir, 'examples'))) {
      if (code === 'IRRU-COMMON' || !readdirSync(join(schemasDir, 'standards')).includes(`${code}.json`)) continue;
      const form = prepareFormSchema(shipped(code), [shipped('IRRU-COMMON')]);
      for (const example of readdirSync(join(schemasDir, 'examples', code)).filter((file) => file.startsWith('conforming-'))) {
        for (const n of nodes(buildForm(form, { values: readJson(`examples/${code}/${example}`) }, 'fa'))) {
          if (!hasMessage(`property.${lastName(n)}`)) continue;
          checked += 1;
          assert.doesNotMatch(n.label, /^[A-Za-z ]+$/, `${code} ${example} ${n.name}: "${n.label}"`);
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} catalogued fields seen`);
    const iot = buildForm(prepareFormSchema(shipped('IRRU-IOTM'), [shipped('IRRU-COMMON')]),
      { values: { radio: { technologies: ['LTE-M'], cellular: { outputPower: { maxOutputPowerDbm: 23 } } } } }, 'fa');
    assert.equal(node(iot, '/radio/cellular/outputPower/maxOutputPowerDbm')?.label, 'بیشینه توان خروجی (dBm)');
    const ru = buildForm(radio(), { values: {} }, 'ru');
    assert.equal(node(ru, '/identification/manufacturer')!.label, 'Изготовитель');
    assert.match(node(ru, '/identification/countryOfOrigin')!.label, /^[А-Яа-яЁё ]+$/);
    assert.equal(node(buildForm(radio(), { values: {} }, 'en'), '/identification/hardwareVersion')!.label, 'Hardware version');
  });

  test('"add another" gives one more row; rows never exceed the bound', () => {
    const form = radio();
    const added = buildForm(form, { values: { identification: { variants: ['a', 'b'] } }, addRowTo: '/identification/variants' }, 'en');
    assert.deepEqual(node(added, '/identification/variants')!.children!.map((c) => c.value), ['a', 'b', '', '']);
    const many = buildForm(form, { values: { identification: { variants: Array.from({ length: 500 }, (_, i) => `v${i}`) } } }, 'en');
    const list = node(many, '/identification/variants')!;
    assert.equal(list.children!.length, maxArrayRows);
    assert.equal(list.canAdd, false);
  });
});

describe('schema form: reading', () => {
  test('round trip: TEST-RADIO and every shipped example built into a form and posted back give the same spec', () => {
    const form = radio();
    assert.deepEqual(readForm(form, posted(buildForm(form, { values: conformingRadioSpec }, 'en')), 'en').spec, conformingRadioSpec);
    for (const [code, example] of [['IRRU-WLAN', 'conforming-dual-band-home-router'], ['IRRU-UE', 'conforming-5g-smartphone'], ['IRRU-EPS', 'conforming-12v-18w-barrel-adapter']] as const) {
      const standard = prepareFormSchema(shipped(code), [shipped('IRRU-COMMON')]);
      const spec = readJson(`examples/${code}/${example}.json`) as { targetMarkets: string[] };
      const reading = readForm(standard, posted(buildForm(standard, { values: spec }, 'fa')), 'fa');
      assert.deepEqual([...reading.errors], [], code);
      // Checkboxes post in the schema's order: the target markets come back as the same set.
      const back = reading.spec as { targetMarkets: string[] };
      assert.deepEqual([...back.targetMarkets].sort(), [...spec.targetMarkets].sort());
      assert.deepEqual(canonical({ ...back, targetMarkets: [] }), canonical({ ...spec, targetMarkets: [] }), code);
    }
  });

  test('numbers: a decimal comma and Persian or Arabic-Indic digits are normalised; anything else is an error next to the field, the typed text kept', () => {
    const form = radio();
    for (const [typed, value] of [['12,5', 12.5], ['۱۲٫۵', 12.5], ['١٢٫٥', 12.5], [' −3 ', -3], ['2e1', 20], ['\u200f۲۰', 20]] as const) {
      const reading = readForm(form, { '/power': typed }, 'en');
      assert.deepEqual(reading.spec, { power: value }, typed);
    }
    for (const typed of ['12,5,0', '1 000', '12abc', '0x10', 'NaN', 'Infinity', '1e999', '--1', '.']) {
      const reading = readForm(form, { '/power': typed }, 'fa');
      assert.deepEqual(reading.spec, {}, typed);
      assert.match(reading.errors.get('/power') ?? '', /یک عدد وارد کنید/, typed);
      assert.equal(reading.typed.get('/power'), typed);
    }
    assert.deepEqual(parseFormNumber('3.5', true), { ok: false, reason: 'not_an_integer' });
    assert.deepEqual(parseFormNumber('۷', true), { ok: true, value: 7 });
  });

  test('types: booleans, enums and checkboxes are read as the schema says; empty inputs, rows and objects are left out', () => {
    const form = radio();
    const reading = readForm(form, {
      '/wifi5': 'true', '/dfs': '', '/targetMarkets': ['RU', 'IR', 'RU'], '/identification/model': '  AR-100 ',
      '/identification/variants/0': '', '/identification/variants/1': 'white', '/identification/variants/4': 'black',
      '/identification/manufacturer/name': '', _action: 'check',
    }, 'en');
    assert.deepEqual(reading.spec, { wifi5: true, targetMarkets: ['IR', 'RU'], identification: { model: 'AR-100', variants: ['white', 'black'] } });
    assert.deepEqual(reading.action, { kind: 'check' });
    const wrong = readForm(form, { '/wifi5': 'maybe', '/targetMarkets': ['IR', 'XX'] }, 'ru');
    assert.deepEqual([...wrong.errors.keys()].sort(), ['/targetMarkets', '/wifi5']);
    assert.deepEqual(wrong.spec, {});
  });

  test('arbitrary input never throws: unknown names, prototype keys, nested garbage, repeated scalars, too many rows or fields', () => {
    const form = radio();
    const hostile = readForm(form, {
      '/__proto__/polluted': 'x', __proto__: 'y', '/identification/__proto__': 'z', '/power/0': '1', '/nope': '1', '': '1', '/': '1',
      '/identification/variants/x': 'a', '/identification/variants/-1': 'a', '/power': ['1', '2'], constructor: 'c', '/wifi5': { a: 1 },
    } as unknown as Record<string, unknown>, 'en');
    assert.deepEqual(hostile.spec, {});
    assert.equal(hostile.errors.get('/power'), 'This field was sent more than once; send the form again.');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const rows = readForm(form, { [`/identification/variants/${maxArrayRows}`]: 'one too many' }, 'en');
    assert.deepEqual(rows.spec, {});
    assert.match(rows.formErrors[0]!, /at most 200 items/);
    const fields = Object.fromEntries(Array.from({ length: 4100 }, (_, i) => [`/x${i}`, '1']));
    assert.match(readForm(form, fields, 'en').formErrors[0]!, /more than 4,000 fields/);
    for (const body of [null, undefined, 'text', 42, [], { '/power': null }]) assert.deepEqual(readForm(form, body, 'en').spec, {});
  });

  test('actions: "add another" names an array of rows; anything else only updates the form', () => {
    const form = radio();
    assert.deepEqual(readForm(form, { _action: 'add:/identification/variants' }, 'en').action, { kind: 'add', pointer: '/identification/variants' });
    assert.deepEqual(readForm(form, { _action: 'add:/power' }, 'en').action, { kind: 'refresh' });
    assert.deepEqual(readForm(form, { _action: 'add:/targetMarkets' }, 'en').action, { kind: 'refresh' }, 'checkboxes have no rows');
    assert.deepEqual(readForm(form, { _action: 'refresh' }, 'en').action, { kind: 'refresh' });
    assert.deepEqual(readForm(form, {}, 'en').action, { kind: 'check' });
  });

  test('a re-shown form keeps what was typed, shows a bad number as text with its error, and a standard whose spec is not an object is one JSON field', () => {
    const form = radio();
    const reading = readForm(form, { '/power': '12abc', '/identification/model': 'AR-100' }, 'en');
    const model = buildForm(form, { values: reading.spec, typed: reading.typed, errors: reading.errors }, 'en');
    const power = node(model, '/power')!;
    assert.deepEqual([power.inputType, power.value, power.error], ['text', '12abc', reading.errors.get('/power')]);
    assert.deepEqual(model.errorSummary, [{ href: '#field-power', label: 'Output power', message: reading.errors.get('/power') }]);
    const scalar = prepareFormSchema({ type: 'array', items: { type: 'number' } }, []);
    const whole = buildForm(scalar, { values: [1, 2] }, 'en');
    assert.deepEqual([whole.fields[0]!.name, whole.fields[0]!.isJson], ['_spec', true]);
    assert.deepEqual(readForm(scalar, { _spec: '[1, 2]' }, 'en').spec, [1, 2]);
    assert.ok(readForm(scalar, { _spec: '[1,' }, 'en').errors.has('_spec'));
  });
});
