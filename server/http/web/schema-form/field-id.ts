/**
 * Form field names and HTML ids. A field's name is the JSON Pointer of its value in the spec
 * (`/radio/maxPowerDbm`, `/identification/variants/0`); its id is `field-` and the pointer's tokens joined
 * with "." (characters other than ASCII letters, digits and "-" written as `_<hex>_`), so the id is safe
 * in a URL fragment: the clause matrix links failures to `#field-…`.
 */

/** Splits a JSON pointer into its tokens (RFC 6901 unescaping); null when it is not one. */
export function pointerTokens(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer `base` extended by one token. */
export function childPointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The HTML id of the input (or group) for `pointer`. */
export function fieldId(pointer: string): string {
  const tokens = pointerTokens(pointer) ?? [pointer];
  return `field-${tokens.map((token) => token.replace(/[^A-Za-z0-9-]/gu, (char) => `_${char.codePointAt(0)!.toString(16)}_`)).join('.')}`;
}
