/** True when `value` nests deeper than `limit` levels. Iterative, allocation-light: the common, passing case. */
function exceeds(value: unknown, limit: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const node = values.pop();
    const depth = depths.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return true;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) if (typeof node[i] === 'object' && node[i] !== null) { values.push(node[i]); depths.push(depth + 1); }
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) { values.push(child); depths.push(depth + 1); }
      }
    }
  }
  return false;
}

/** The JSON pointer of the first value nested beyond `limit` (only called once one is known to exist). */
function pointerBeyond(value: unknown, limit: number): string {
  const stack: Array<{ value: unknown; depth: number; pointer: string }> = [{ value, depth: 0, pointer: '' }];
  while (stack.length > 0) {
    const { value: node, depth, pointer } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return pointer || '/';
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return '/';
}

/**
 * How deeply a JSON value nests, measured without recursion, so a hostile value of any depth is measured
 * safely. Returns the JSON pointer of the first value found beyond `limit`; null when the value nests `limit`
 * levels or fewer (a scalar is level 0, `[]` and `{}` level 1).
 */
export function beyondDepth(value: unknown, limit: number): string | null {
  return exceeds(value, limit) ? pointerBeyond(value, limit) : null;
}
