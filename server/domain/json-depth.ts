/**
 * How deeply a JSON value nests, measured without recursion, so a hostile value of any depth is measured
 * safely. Stops as soon as `limit` is passed and returns the JSON pointer of the first value found beyond
 * it; null when the value nests `limit` levels or fewer (a scalar is level 0, `[]` and `{}` level 1).
 */
export function beyondDepth(value: unknown, limit: number): string | null {
  const stack: Array<{ value: unknown; depth: number; pointer: string }> = [{ value, depth: 0, pointer: '' }];
  while (stack.length > 0) {
    const { value: node, depth, pointer } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return pointer || '/';
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return null;
}
