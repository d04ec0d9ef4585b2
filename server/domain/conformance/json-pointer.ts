/** Escapes one reference token for a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1". */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends reference tokens to a JSON pointer ("" is the root). */
export function appendPointer(pointer: string, tokens: readonly (string | number)[]): string {
  let out = pointer;
  for (const token of tokens) out += `/${escapePointerToken(token)}`;
  return out;
}

/**
 * The value at `pointer` inside `root`, or undefined when a token does not exist. `pointer` may be
 * percent-encoded, as it is in a URI fragment.
 */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}
