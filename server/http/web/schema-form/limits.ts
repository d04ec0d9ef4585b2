/** Bounds of the generated form: what one form shows and what one posted form may hold. */

/** Most inputs one form shows; beyond, the rest of the spec is edited through a file upload. */
export const maxFormFields = 3000;
/** Most rows of one repeatable group (the reader refuses more). */
export const maxArrayRows = 200;
/** Deepest nesting shown as inputs; deeper values are one JSON textarea. */
export const maxFormDepth = 12;
/** Most fields one posted form may hold. */
export const maxReadFields = 4000;
/** The name of the one textarea of a standard whose spec is not an object with properties. */
export const wholeSpecField = '_spec';
