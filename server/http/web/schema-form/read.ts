/**
 * Reads a posted generated form back into a spec: each field named by a JSON Pointer is converted by the
 * type the standard's schema gives that place (numbers strictly, see form-number.ts; booleans from the
 * yes/no select; enum values to the member they name; JSON textareas parsed), empty inputs are left out (and
 * objects and arrays left empty with them), array rows are kept in order without gaps. Names the schema does
 * not know are ignored. Bounded (at most `maxReadFields` fields, `maxArrayRows` rows per array) and it never
 * throws: whatever is wrong is an error message next to the field, in the page's language, and the typed
 * text is returned as it was for the form to show again.
 */
import type { Language } from '../i18n/languages.ts';
import { formatNumber } from '../i18n/format.ts';
import { t } from '../i18n/translate.ts';
import { maxArrayRows, maxFormDepth, maxReadFields, wholeSpecField } from './limits.ts';
import { pointerTokens } from './field-id.ts';
import { parseFormNumber } from './form-number.ts';
import { itemShape, propertyShape, type FormSchema, type Shape } from './shape.ts';

export type FormAction = { kind: 'check' } | { kind: 'refresh' } | { kind: 'add'; pointer: string };

export interface FormReading {
  /** The spec the fields make up (an empty object when nothing was filled in). */
  spec: unknown;
  /** The text of every field as posted, by name, to show again. */
  typed: Map<string, string | string[]>;
  /** Messages by field name. */
  errors: Map<string, string>;
  /** Messages about the form as a whole. */
  formErrors: string[];
  /** What the user asked for: check, update the form (conditional fields), or one more row in an array. */
  action: FormAction;
}

type Leaf = { kind: 'scalar' | 'checkboxes' | 'json'; shape: Shape };
type Container = 'object' | 'array';
type Slot = { container: Container; entries: Map<string, Slot> } | { value: unknown };

const indexToken = /^(0|[1-9][0-9]{0,5})$/;

/** Where a field name leads in the schema: its leaf and the kind of each container on the way; null for names the form never has. */
function locate(form: FormSchema, tokens: string[]): { leaf: Leaf; containers: Container[] } | { tooManyRows: true } | null {
  let shape = form.shapeOf([form.root]);
  const containers: Container[] = [];
  for (const [depth, token] of tokens.entries()) {
    if (depth >= maxFormDepth + 1 || !isContainer(shape) || leafOf(form, shape) !== null) return null;
    if (shape.kind === 'object') {
      const child = propertyShape(form, shape, token);
      if (!child) return null;
      containers.push('object');
      shape = child;
    } else {
      if (!indexToken.test(token)) return null;
      if (Number(token) >= maxArrayRows) return { tooManyRows: true };
      containers.push('array');
      shape = itemShape(form, shape)!;
    }
  }
  if (tokens.length > maxFormDepth) return { leaf: { kind: 'json', shape }, containers };
  const leaf = leafOf(form, shape);
  return leaf ? { leaf, containers } : null;
}

/** True for an object with properties or an array of rows: shown as a group, not one input. */
function isContainer(shape: Shape): boolean {
  if (shape.kind === 'object') return shape.properties.length > 0;
  if (shape.kind !== 'array') return false;
  return shape.items.length > 0;
}

function leafOf(form: FormSchema, shape: Shape): Leaf | null {
  if (shape.kind === 'object') return shape.properties.length > 0 ? null : { kind: 'json', shape };
  if (shape.kind === 'array') {
    const items = itemShape(form, shape);
    if (!items || items.kind === 'array' || items.kind === 'json') return { kind: 'json', shape };
    return items.enumValues && items.kind !== 'object' ? { kind: 'checkboxes', shape: items } : null;
  }
  return { kind: shape.kind === 'json' ? 'json' : 'scalar', shape };
}

type Converted = { value: unknown } | { error: string } | null;

function convertScalar(shape: Shape, typed: string, lang: Language): Converted {
  if (typed.trim() === '') return null;
  if (shape.enumValues && shape.kind !== 'boolean') {
    const member = shape.enumValues.find((candidate) => String(candidate) === typed);
    return member === undefined ? { error: t(lang, 'vendor.form.error.option') } : { value: member };
  }
  switch (shape.kind) {
    case 'boolean':
      return typed === 'true' ? { value: true } : typed === 'false' ? { value: false } : { error: t(lang, 'vendor.form.error.option') };
    case 'number':
    case 'integer': {
      const parsed = parseFormNumber(typed, shape.kind === 'integer');
      if (parsed.ok) return { value: parsed.value };
      return { error: t(lang, parsed.reason === 'not_an_integer' ? 'vendor.form.error.integer' : 'vendor.form.error.number') };
    }
    default:
      return { value: typed.trim() };
  }
}

function convertJson(typed: string, lang: Language): Converted {
  if (typed.trim() === '') return null;
  try {
    return { value: JSON.parse(typed) as unknown };
  } catch {
    return { error: t(lang, 'vendor.form.error.json') };
  }
}

function convertCheckboxes(items: Shape, typed: string[], lang: Language): Converted {
  const chosen: unknown[] = [];
  for (const value of typed) {
    if (value === '') continue;
    const member = (items.enumValues ?? []).find((candidate) => String(candidate) === value);
    if (member === undefined) return { error: t(lang, 'vendor.form.error.option') };
    if (!chosen.includes(member)) chosen.push(member);
  }
  if (chosen.length === 0) return null;
  const order = items.enumValues ?? [];
  return { value: chosen.sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}

function place(root: Slot & { entries: Map<string, Slot> }, tokens: string[], containers: Container[], value: unknown): void {
  let slot: Slot = root;
  for (const [i, token] of tokens.entries()) {
    if (!('entries' in slot)) return;
    const last = i === tokens.length - 1;
    let next = slot.entries.get(token);
    if (!next) {
      next = last ? { value } : { container: containers[i + 1]!, entries: new Map() };
      slot.entries.set(token, next);
    }
    slot = next;
  }
}

function materialize(slot: Slot): unknown {
  if (!('entries' in slot)) return slot.value;
  if (slot.container === 'array') {
    const items = [...slot.entries.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, child]) => materialize(child)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  const object: Record<string, unknown> = {};
  for (const [key, child] of slot.entries) {
    const value = materialize(child);
    // defineProperty: a key such as "__proto__" is an ordinary member, never the prototype.
    if (value !== undefined) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(object).length > 0 ? object : undefined;
}

function actionOf(form: FormSchema, value: unknown): FormAction {
  if (value === 'refresh') return { kind: 'refresh' };
  if (typeof value === 'string' && value.startsWith('add:')) {
    const pointer = value.slice(4);
    const tokens = pointerTokens(pointer);
    if (tokens && tokens.length <= maxFormDepth) {
      let shape: Shape | null = form.shapeOf([form.root]);
      for (const token of tokens) shape = shape && (shape.kind === 'object' ? propertyShape(form, shape, token) : shape.kind === 'array' && indexToken.test(token) ? itemShape(form, shape) : null);
      if (shape?.kind === 'array' && isContainer(shape) && !leafOf(form, shape)) return { kind: 'add', pointer };
    }
    return { kind: 'refresh' };
  }
  return { kind: 'check' };
}

/** Reads the posted form `body` (see the top of this file). Never throws. */
export function readForm(form: FormSchema, body: unknown, lang: Language): FormReading {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const typed = new Map<string, string | string[]>();
  const errors = new Map<string, string>();
  const formErrors: string[] = [];
  const root = { container: 'object' as Container, entries: new Map<string, Slot>() };
  const rootShape = form.shapeOf([form.root]);
  // As the builder decides: an object with properties is a form of fields; anything else is one JSON textarea.
  const fieldsForm = rootShape.kind === 'object' && rootShape.properties.length > 0;
  let wholeSpec: unknown;
  let count = 0;
  for (const [name, posted] of Object.entries(fields)) {
    const values = typeof posted === 'string' ? [posted] : Array.isArray(posted) ? posted.filter((v): v is string => typeof v === 'string') : null;
    if (values === null) continue;
    if (name === wholeSpecField && !fieldsForm) {
      typed.set(name, values[0] ?? '');
      const converted = convertJson(values[0] ?? '', lang);
      if (converted && 'error' in converted) errors.set(name, converted.error);
      else if (converted) wholeSpec = converted.value;
      continue;
    }
    const tokens = fieldsForm && name.startsWith('/') ? pointerTokens(name) : null;
    if (!tokens) continue;
    if (++count > maxReadFields) {
      formErrors.push(t(lang, 'vendor.form.error.tooManyFields', { max: formatNumber(lang, maxReadFields) }));
      break;
    }
    const found = locate(form, tokens);
    if (found === null) continue;
    if ('tooManyRows' in found) {
      const message = t(lang, 'vendor.form.error.tooManyRows', { max: formatNumber(lang, maxArrayRows) });
      if (!formErrors.includes(message)) formErrors.push(message);
      continue;
    }
    typed.set(name, typeof posted === 'string' ? posted : values);
    const { leaf, containers } = found;
    let converted: Converted;
    if (leaf.kind === 'checkboxes') converted = convertCheckboxes(leaf.shape, values, lang);
    else if (values.length !== 1) converted = { error: t(lang, 'vendor.form.error.repeated') };
    else converted = leaf.kind === 'json' ? convertJson(values[0]!, lang) : convertScalar(leaf.shape, values[0]!, lang);
    if (converted === null) continue;
    if ('error' in converted) errors.set(name, converted.error);
    else place(root, tokens, containers, converted.value);
  }
  const spec = wholeSpec !== undefined ? wholeSpec : (materialize(root) ?? {});
  return { spec, typed, errors, formErrors, action: actionOf(form, fields._action) };
}
