import type { Messages } from './messages.ts';

/**
 * Why a check could not complete, named by the limit that was hit, so that a small spec is never
 * told it is too large. `depth`: the spec nests deeper than the validator can follow; `stack`: the
 * validator's stack ran out although the spec is shallow (the standard's schema recurses, e.g. a
 * reference cycle that does not descend into the spec); `internal`: the validator failed otherwise.
 * (Time and memory budgets are enforced around the engine and answered as check_too_expensive.)
 */
export interface Uncheckable {
  readonly limit: 'depth' | 'stack' | 'internal';
  /** Levels of nesting in the spec, counted up to depthCountCap. */
  readonly specDepth: number;
  readonly messages: Readonly<Messages>;
}

/** A spec this deep that overflows the stack is blamed for its depth; a shallower one is not. */
export const deepSpecLevels = 256;

const depthCountCap = 1_000_000;

/** Nesting depth of a JSON value (0 for a scalar), counted without recursion. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest >= depthCountCap) break;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Classifies what the validator threw while checking `spec`. */
export function classifyUncheckable(error: unknown, spec: unknown): Uncheckable {
  const specDepth = nestingDepth(spec);
  const stackOverflow = error instanceof RangeError && /call stack/i.test(error.message);
  if (stackOverflow && specDepth >= deepSpecLevels) return { limit: 'depth', specDepth, messages: depthMessages(specDepth) };
  if (stackOverflow) return { limit: 'stack', specDepth, messages: stackMessages(specDepth) };
  return { limit: 'internal', specDepth, messages: internalMessages };
}

function depthMessages(depth: number): Messages {
  return {
    en: `could not be checked: the spec is nested ${depth} levels deep, deeper than the validator can follow`,
    ru: `не удалось проверить: спецификация вложена на ${depth} уровней, глубже, чем может пройти валидатор`,
    fa: `بررسی ممکن نشد: مشخصات ${depth} سطح تودرتو است، عمیق‌تر از آنچه اعتبارسنج می‌تواند دنبال کند`,
  };
}

function stackMessages(depth: number): Messages {
  return {
    en: `could not be checked: the validator ran out of stack although the spec is only ${depth} levels deep; the standard's schema recurses without descending into the spec`,
    ru: `не удалось проверить: у валидатора закончился стек, хотя спецификация вложена всего на ${depth} уровней; схема стандарта рекурсивна без спуска в спецификацию`,
    fa: `بررسی ممکن نشد: پشتهٔ اعتبارسنج تمام شد، هرچند مشخصات فقط ${depth} سطح تودرتو است؛ طرح‌وارهٔ استاندارد بدون پایین رفتن در مشخصات بازگشتی است`,
  };
}

const internalMessages: Readonly<Messages> = Object.freeze({
  en: 'could not be checked: the validator failed on this spec',
  ru: 'не удалось проверить: валидатор не смог обработать эту спецификацию',
  fa: 'بررسی ممکن نشد: اعتبارسنج روی این مشخصات شکست خورد',
});
