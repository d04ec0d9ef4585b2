/**
 * Builds the generated form of a standard: schema → fields (rendered by views/partials/schema-field.hbs).
 *
 * Every field's name is the JSON Pointer of its value (`/radio/maxPowerDbm`). Inputs by type: strings are text
 * (`format: date` a date input, an `enum` a select, `anyOf` string enums offered as suggestions); numbers and
 * integers are number inputs with step, min and max from the schema and the unit (`x-unit`) beside them;
 * booleans a yes / no / not stated select; arrays of enum values are checkboxes; other arrays, of scalars or of
 * objects, are repeatable groups with every existing item, one empty row, and an "add another" button
 * (`_action=add:<pointer>`) that re-renders with one more row, without JavaScript; anything the form cannot
 * show as inputs is a JSON textarea. Labels are the clause titles (`x-title`) in the page's language (for a
 * property without one, its `property.<name>` interface text, else its name made readable), help
 * is the requirement text (`x-requirement`); `$ref`s into other published standards are followed. A field
 * that only an `if`/`then` requires is shown when that `if` holds for the current values (or it holds a value).
 * Bounded: at most `maxFormFields` fields and `maxArrayRows` rows per array; deeper than `maxFormDepth` is JSON.
 */
import type { LocalizedText } from '../../../domain/conformance/index.ts';
import { formatNumber } from '../i18n/format.ts';
import { pickText, type Language } from '../i18n/languages.ts';
import { hasMessage, t } from '../i18n/translate.ts';
import { activeRequirements, type BranchNote } from './conditions.ts';
import { childPointer, fieldId } from './field-id.ts';
import { specSource, typedSource, type FieldSource } from './field-source.ts';
import { maxArrayRows, maxFormDepth, maxFormFields, wholeSpecField } from './limits.ts';
import { itemShape, propertyShape, type FormSchema, type Shape } from './shape.ts';


export interface FormState {
  /** The values as JSON: a stored spec, or what the reader made of the posted form (conditions are decided on it). */
  values: unknown;
  /** The posted text by field name: when given, inputs show exactly what was typed. */
  typed?: ReadonlyMap<string, string | string[]>;
  /** Messages by field name, in the page's language. */
  errors?: ReadonlyMap<string, string>;
  /** The pointer of the array the user asked one more row for. */
  addRowTo?: string | null;
}

interface Option {
  value: string;
  label: string;
  selected: boolean;
  id: string;
}

/** One node of the form, with flags the partial switches on. */
export interface FormNode {
  id: string;
  name: string;
  label: string;
  clause: string | null;
  help: string;
  unit: string | null;
  required: boolean;
  error: string | null;
  isGroup?: boolean;
  isList?: boolean;
  isInput?: boolean;
  isSelect?: boolean;
  isCheckboxes?: boolean;
  isJson?: boolean;
  children?: FormNode[];
  addAction?: string;
  canAdd?: boolean;
  inputType?: 'text' | 'number' | 'date';
  inputMode?: string | null;
  step?: string | null;
  /** Bounds as attribute text ("0" must show, so never a bare number). */
  min?: string | null;
  max?: string | null;
  value?: string;
  options?: Option[];
  listId?: string | null;
  suggestions?: string[];
}

export interface FormModel {
  fields: FormNode[];
  /** JSON pointer → HTML id of every input and group shown (for the clause matrix's links). */
  fieldIds: Map<string, string>;
  /** Each error with a link to its field (or none, when the field is not shown). */
  errorSummary: Array<{ href: string | null; label: string; message: string }>;
  /** True when the form stopped at maxFormFields. */
  truncated: boolean;
}


const plainNumber = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** Builds the form for `state` in `lang` (see the top of this file). Never throws for any values. */
export function buildForm(form: FormSchema, state: FormState, lang: Language): FormModel {
  const source: FieldSource = state.typed ? typedSource(state.typed) : specSource(state.values);
  const errors = state.errors ?? new Map<string, string>();
  const fieldIds = new Map<string, string>();
  const errorSummary: FormModel['errorSummary'] = [];
  let count = 0;
  let truncated = false;

  const text = (localized: LocalizedText | null) => (localized ? pickText(localized, lang) : '');

  function base(pointer: string, shape: Shape, label: string, required: boolean, note?: BranchNote): FormNode {
    const id = fieldId(pointer);
    fieldIds.set(pointer, id);
    const error = errors.get(pointer) ?? null;
    if (error) errorSummary.push({ href: `#${id}`, label, message: error });
    return {
      id, name: pointer, label, clause: shape.clause ?? note?.clause ?? null, help: text(shape.requirement ?? note?.requirement ?? null),
      unit: shape.unit, required, error,
    };
  }

  function scalar(pointer: string, shape: Shape, label: string, required: boolean, note?: BranchNote): FormNode {
    const node = base(pointer, shape, label, required, note);
    const typed = source.text(pointer);
    const value = Array.isArray(typed) ? typed.join(', ') : typed ?? '';
    if (shape.kind === 'boolean') {
      const options = [['', t(lang, 'vendor.form.unset')], ['true', t(lang, 'vendor.value.yes')], ['false', t(lang, 'vendor.value.no')]];
      return { ...node, isSelect: true, options: options.map(([v, l], i) => ({ value: v!, label: l!, selected: v === value, id: `${node.id}-${i}` })) };
    }
    if (shape.enumValues) {
      const options = [{ value: '', label: t(lang, 'vendor.form.choose'), selected: value === '', id: `${node.id}-u` }]
        .concat(shape.enumValues.map((member, i) => ({ value: String(member), label: String(member), selected: String(member) === value, id: `${node.id}-${i}` })));
      return { ...node, isSelect: true, options };
    }
    if (shape.kind === 'number' || shape.kind === 'integer') {
      // What a number input cannot show (a comma, Persian digits, a typo) is shown as text, so nothing typed is lost.
      const asText = value !== '' && !plainNumber.test(value);
      return {
        ...node, isInput: true, inputType: asText ? 'text' : 'number', inputMode: 'decimal', value,
        step: shape.kind === 'integer' ? String(shape.multipleOf ?? 1) : shape.multipleOf !== null ? String(shape.multipleOf) : 'any',
        min: shape.minimum === null ? null : String(shape.minimum), max: shape.maximum === null ? null : String(shape.maximum),
      };
    }
    if (shape.kind === 'string') {
      const listId = shape.suggestions.length > 0 ? `${node.id}-list` : null;
      return { ...node, isInput: true, inputType: shape.format === 'date' ? 'date' : 'text', inputMode: null, value, listId, suggestions: shape.suggestions };
    }
    return jsonField(pointer, shape, label, required, note);
  }

  function jsonField(pointer: string, shape: Shape, label: string, required: boolean, note?: BranchNote): FormNode {
    const node = base(pointer, shape, label, required, note);
    const typed = source.text(pointer);
    const json = source.json(pointer);
    const value = state.typed ? (typeof typed === 'string' ? typed : '') : json === undefined ? '' : JSON.stringify(json, null, 2);
    return { ...node, isJson: true, value };
  }

  function checkboxes(pointer: string, shape: Shape, items: Shape, label: string, required: boolean, note?: BranchNote): FormNode {
    const node = base(pointer, shape, label, required, note);
    const typed = source.text(pointer);
    const checked = new Set(Array.isArray(typed) ? typed : typed === undefined ? [] : [typed]);
    const options = (items.enumValues ?? []).map((member, i) => ({ value: String(member), label: String(member), selected: checked.has(String(member)), id: `${node.id}-${i}` }));
    return { ...node, isCheckboxes: true, options };
  }

  function list(pointer: string, shape: Shape, items: Shape, label: string, required: boolean, depth: number, note?: BranchNote): FormNode {
    const node = base(pointer, shape, label, required, note);
    const rows = Math.min(maxArrayRows, source.rows(pointer) + 1 + (state.addRowTo === pointer ? 1 : 0));
    const children: FormNode[] = [];
    for (let i = 0; i < rows && !truncated; i++) {
      const rowLabel = t(lang, 'vendor.form.item', { n: formatNumber(lang, i + 1) });
      children.push(field(childPointer(pointer, i), items, rowLabel, false, depth + 1));
    }
    return { ...node, isList: true, children, addAction: `add:${pointer}`, canAdd: rows < maxArrayRows };
  }

  function group(pointer: string, shape: Shape, label: string, required: boolean, depth: number, note?: BranchNote): FormNode {
    const node = base(pointer, shape, label, required, note);
    return { ...node, isGroup: true, children: objectFields(pointer, shape, depth) };
  }

  function objectFields(pointer: string, shape: Shape, depth: number): FormNode[] {
    const active = activeRequirements(form, shape, valuesAt(state.values, pointer));
    const children: FormNode[] = [];
    for (const property of shape.properties) {
      if (truncated) break;
      const childPointerText = childPointer(pointer, property.name);
      const note = active.get(property.name);
      const visible = !shape.conditionallyRequired.has(property.name) || note !== undefined || source.has(childPointerText);
      if (!visible) continue;
      const child = propertyShape(form, shape, property.name)!;
      const label = text(child.title ?? note?.title ?? null) || propertyLabel(lang, property.name);
      children.push(field(childPointerText, child, label, shape.required.has(property.name) || note !== undefined, depth + 1, note));
    }
    return children;
  }

  function field(pointer: string, shape: Shape, label: string, required: boolean, depth: number, note?: BranchNote): FormNode {
    count += 1;
    if (count >= maxFormFields) truncated = true;
    if (depth > maxFormDepth) return jsonField(pointer, shape, label, required, note);
    if (shape.kind === 'object') return shape.properties.length > 0 ? group(pointer, shape, label, required, depth, note) : jsonField(pointer, shape, label, required, note);
    if (shape.kind === 'array') {
      const items = itemShape(form, shape);
      if (!items || items.kind === 'array' || items.kind === 'json') return jsonField(pointer, shape, label, required, note);
      if (items.enumValues && items.kind !== 'object') return checkboxes(pointer, shape, items, label, required, note);
      return list(pointer, shape, items, label, required, depth, note);
    }
    return scalar(pointer, shape, label, required, note);
  }

  /** A standard whose spec is not an object with properties: one JSON textarea for the whole spec. */
  function wholeSpec(shape: Shape): FormNode {
    const node = base('', shape, t(lang, 'vendor.form.spec'), true);
    const typed = state.typed?.get(wholeSpecField);
    const value = state.typed ? (typeof typed === 'string' ? typed : '') : state.values === undefined ? '' : JSON.stringify(state.values, null, 2);
    const error = errors.get(wholeSpecField) ?? null;
    if (error) errorSummary.push({ href: `#${node.id}`, label: node.label, message: error });
    return { ...node, name: wholeSpecField, isJson: true, value, error };
  }

  const root = form.shapeOf([form.root]);
  const fields = root.kind === 'object' && root.properties.length > 0 ? objectFields('', root, 0) : [wholeSpec(root)];
  for (const [pointer, message] of errors) {
    if (!fieldIds.has(pointer)) errorSummary.push({ href: null, label: pointer, message });
  }
  return { fields, fieldIds, errorSummary, truncated };
}

/**
 * The label of a property without a clause title: its `property.<name>` interface text, else the name made
 * readable (`maxOutputPowerDbm` → "Max output power dbm", `ipRating` → "Ip rating", `rxHTTPPort` → "Rx HTTP port").
 */
function propertyLabel(lang: Language, name: string): string {
  const key = `property.${name}`;
  if (hasMessage(key)) return t(lang, key);
  const words = name.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().split(/\s+/)
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word)).join(' ');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

/** The values at `pointer` of the JSON the conditions are decided on. */
function valuesAt(values: unknown, pointer: string): unknown {
  let node = values;
  if (pointer === '') return node;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** The pointer → id map of a built form (what presentClauseMatrix takes as `fieldIds`). */
export function fieldIdsOf(model: FormModel): ReadonlyMap<string, string> {
  return model.fieldIds;
}
