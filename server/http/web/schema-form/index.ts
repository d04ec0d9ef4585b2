/**
 * The form generated from a standard's JSON Schema: `prepareFormSchema` (once per standard version),
 * `buildForm` (schema and values → fields for views/partials/schema-field.hbs) and `readForm` (posted
 * fields → the spec, field errors, and what the user asked for).
 */
export { buildForm, fieldIdsOf, type FormModel, type FormNode, type FormState } from './build.ts';
export { maxArrayRows, maxFormDepth, maxFormFields, maxReadFields, wholeSpecField } from './limits.ts';
export { fieldId } from './field-id.ts';
export { parseFormNumber } from './form-number.ts';
export { readForm, type FormAction, type FormReading } from './read.ts';
export { prepareFormSchema, type FormSchema } from './shape.ts';
