/**
 * RFC 8785 (JCS) canonical JSON text, built iteratively so a spec nested 100,000 levels deep (which a
 * 1 MiB body can hold) has a canonical form instead of a stack overflow. Same output as the canonicalize
 * package for JSON values: sorted keys (UTF-16 code units), ECMAScript number and string serialization.
 */

// An open array or object: its sorted keys (null for an array) and the index of the next member.
interface Frame {
  node: object;
  keys: string[] | null;
  index: number;
}

function scalarText(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  throw new TypeError(`a ${typeof value} is not a JSON value`);
}

/** Emits a scalar, or opens a container and returns its frame. */
function begin(value: unknown, out: string[], open: Set<object>): Frame | null {
  if (value === null || typeof value !== 'object') {
    out.push(scalarText(value));
    return null;
  }
  if (open.has(value)) throw new TypeError('a cycle is not a JSON value');
  open.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    return { node: value, keys: null, index: 0 };
  }
  const record = value as Record<string, unknown>;
  out.push('{');
  // Members whose value is undefined are left out, as JSON.stringify does.
  return { node: value, keys: Object.keys(record).filter((key) => record[key] !== undefined).sort(), index: 0 };
}

/** Moves `frame` to its next member: emits the separator (and key) and returns the member's value, or `done`. */
function nextMember(frame: Frame, out: string[], done: symbol): unknown {
  const i = frame.index;
  if (frame.keys === null) {
    const items = frame.node as unknown[];
    if (i >= items.length) return done;
    frame.index += 1;
    if (i > 0) out.push(',');
    return items[i];
  }
  if (i >= frame.keys.length) return done;
  frame.index += 1;
  const key = frame.keys[i]!;
  out.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
  return (frame.node as Record<string, unknown>)[key];
}

/** The canonical JSON text of `value`; throws a TypeError for NaN, Infinity, undefined, functions and cycles. */
export function canonicalJsonText(value: unknown): string {
  const out: string[] = [];
  const open = new Set<object>();
  const stack: Frame[] = [];
  const done = Symbol('done');
  let next: unknown = value;
  for (;;) {
    const opened = begin(next, out, open);
    if (opened) stack.push(opened);
    next = done;
    while (next === done) {
      const frame = stack.at(-1);
      if (!frame) return out.join('');
      next = nextMember(frame, out, done);
      if (next === done) {
        out.push(frame.keys === null ? ']' : '}');
        open.delete(frame.node);
        stack.pop();
      }
    }
  }
}
