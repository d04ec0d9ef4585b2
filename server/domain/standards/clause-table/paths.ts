/**
 * Spec field paths as a clause table writes them: property names joined by dots, `[]` for "each item
 * of the array", `$` for the spec itself. `radio.bands[].maxPower` is the maxPower of every item of
 * radio.bands. A path is held as its segments; `[]` is a segment of its own.
 */
export type FieldPath = readonly string[];

export const itemsSegment = '[]';
export const rootPath = '$';

const name = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The segments of `text`, or null when it is no path. */
export function parseFieldPath(text: string): FieldPath | null {
  const trimmed = text.trim();
  if (trimmed === rootPath) return [];
  if (trimmed === '') return null;
  const segments: string[] = [];
  for (const part of trimmed.split('.')) {
    const match = /^([^[\]]*)((?:\[\])*)$/.exec(part);
    if (!match || !name.test(match[1]!)) return null;
    segments.push(match[1]!);
    for (let i = 0; i < match[2]!.length / 2; i++) segments.push(itemsSegment);
  }
  return segments;
}

export function formatFieldPath(path: FieldPath): string {
  if (path.length === 0) return rootPath;
  return path.reduce((text, segment, i) => (segment === itemsSegment ? `${text}[]` : i === 0 ? segment : `${text}.${segment}`), '');
}

/** True when `name` can be written in a path (the exporter falls back to the schema column otherwise). */
export function isPathName(text: string): boolean {
  return name.test(text);
}

export function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

export function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** The longest path every one of `paths` starts with. */
export function commonPrefix(paths: readonly FieldPath[]): FieldPath {
  if (paths.length === 0) return [];
  let prefix = [...paths[0]!];
  for (const path of paths.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < path.length && prefix[i] === path[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
