import { DomainError } from '../errors.ts';

/** The rule name problem+json `errors[].keyword` carries when text is not well-formed Unicode. */
export const wellFormedRule = 'well_formed_unicode';

// ES2024 String methods (Node 20 has them; the TypeScript lib is ES2023).
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** True when `text` holds no lone UTF-16 surrogate, so it can be encoded as UTF-8 and hashed. */
export function isWellFormedText(text: string): boolean {
  return (text as unknown as WellFormedString).isWellFormed();
}

/** `text` with every lone surrogate replaced by U+FFFD, for echoing a bad key back safely. */
export function toWellFormedText(text: string): string {
  return (text as unknown as WellFormedString).toWellFormed();
}

/** One JSON pointer reference token (RFC 6901), made well-formed so an error message never echoes a lone surrogate. */
export function pointerToken(token: string | number): string {
  return typeof token === 'number' ? String(token) : toWellFormedText(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

// Pointers are built only for the one bad node, by following parents: no string per visited node.
interface Frame {
  value: unknown;
  token: string | number;
  parent: Frame | null;
  /** Set for object members: the key itself must be well-formed too. */
  key?: string;
}

function pointerOf(frame: Frame, base: string): string {
  const tokens: string[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) tokens.push(pointerToken(at.token));
  return base + tokens.reverse().map((token) => `/${token}`).join('');
}

function pushChildren(pending: Frame[], frame: Frame, seen: Set<object>): void {
  const node = frame.value;
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  // A shared or cyclic object is walked once: its text was judged the first time.
  seen.add(node);
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i -= 1) pending.push({ value: node[i], token: i, parent: frame });
  } else {
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i]!;
      pending.push({ value: (node as Record<string, unknown>)[key], token: key, parent: frame, key });
    }
  }
}

/**
 * The JSON pointer (prefixed with `base`) of the first string value or object key in `value`, in document
 * order, that is not well-formed Unicode; null when all are. Iterative, so any nesting depth is safe, and
 * each object is visited once, so cycles end.
 */
export function findIllFormedText(value: unknown, base = ''): string | null {
  const pending: Frame[] = [{ value, token: '', parent: null }];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const frame = pending.pop()!;
    if (frame.key !== undefined && !isWellFormedText(frame.key)) return pointerOf(frame, base);
    if (typeof frame.value === 'string') {
      if (!isWellFormedText(frame.value)) return pointerOf(frame, base);
    } else {
      pushChildren(pending, frame, seen);
    }
  }
  return null;
}

/** The validation_failed error for ill-formed text at `pointer` ('' for the whole input), shaped like a schema failure. */
export function illFormedTextError(pointer: string, message = 'must be well-formed Unicode (no lone UTF-16 surrogate)'): DomainError {
  const path = pointer || '/';
  return new DomainError('validation_failed', `${path} ${message}`, { errors: [{ path, message, keyword: wellFormedRule, params: {} }] });
}

/** Throws illFormedTextError naming the first ill-formed string or key of `value` (pointers prefixed with `base`). */
export function assertWellFormedText(value: unknown, base = ''): void {
  const pointer = findIllFormedText(value, base);
  if (pointer !== null) throw illFormedTextError(pointer);
}
