import { DomainError } from '../errors.ts';
import { nodeHash } from './merkle.ts';

/**
 * RFC 9162 trees from stored perfect-subtree hashes, so that roots and proofs cost O(log n) reads instead of
 * reading every leaf (the idea of C2SP tlog-tiles, with one row per complete subtree instead of tiles).
 *
 * The perfect subtree (level L, index i) is MTH(D[i·2^L : (i+1)·2^L]) (RFC 9162 §2.1.1). Its hash never changes
 * once its last leaf is in the log, so it is stored in the transaction that appends that leaf (see
 * subtreesCompletedBy). Level 0 is a leaf hash. Every node the RFC's recursion reaches is MTH(D[a:b]) for a range
 * whose start a is a multiple of the largest power of two ≤ b − a (the split point k of §2.1.1 is always a power of
 * two, and a right part [a+k, b) is never longer than k): such a range is the right fold of the perfect subtrees
 * of b − a's binary digits, highest first. A size-n tree therefore needs at most log2(n) stored hashes for its
 * root, and a proof at most 2·log2(n)+1 (its left siblings are perfect; its right siblings end at n and share
 * the subtrees of n's own decomposition).
 */

/** A perfect subtree: the 2^level leaves from index·2^level. */
export interface SubtreeKey {
  level: number;
  index: number;
}

/** A half-open range of leaves [start, end) that is a node of an RFC 9162 tree. */
type Range = readonly [start: number, end: number];

/** The largest power of two strictly smaller than n (n ≥ 2), the split point k of RFC 9162 §2.1.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees whose right fold is MTH(D[start:end]), leftmost (largest) first. */
export function decompose(start: number, end: number): SubtreeKey[] {
  const keys: SubtreeKey[] = [];
  let at = start;
  let rest = end - start;
  while (rest > 0) {
    let width = 1;
    let level = 0;
    while (width * 2 <= rest) {
      width *= 2;
      level += 1;
    }
    if (at % width !== 0) throw new RangeError(`[${start}, ${end}) is not a node of an RFC 9162 tree`);
    keys.push({ level, index: at / width });
    at += width;
    rest -= width;
  }
  return keys;
}

/** The nodes of PATH(m, D[n]) (RFC 9162 §2.1.3.1), in proof order (nearest the leaf first). */
export function inclusionRanges(m: number, n: number): Range[] {
  const siblings: Range[] = [];
  let start = 0;
  let end = n;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < start + k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
    }
  }
  return siblings.reverse();
}

/** The nodes of PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), in proof order. */
export function consistencyRanges(m: number, n: number): Range[] {
  const siblings: Range[] = [];
  let start = 0;
  let end = n;
  let complete = true;
  for (;;) {
    if (m - start === end - start) {
      // SUBPROOF(m, D[m], b): [] when b is true, [MTH(D[m])] otherwise.
      if (!complete) siblings.push([start, end]);
      break;
    }
    const k = splitPoint(end - start);
    if (m - start <= k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
      complete = false;
    }
  }
  return siblings.reverse();
}

const keyOf = ({ level, index }: SubtreeKey) => `${level}:${index}`;

/** Reads stored subtree hashes (hex, null when not stored): the store port's reader. */
export type SubtreeSource = (keys: readonly SubtreeKey[]) => Promise<Array<string | null>>;

/** The hashes of every range, from one batched read of the distinct perfect subtrees they decompose into. */
export async function rangeHashes(read: SubtreeSource, ranges: readonly Range[]): Promise<Uint8Array[]> {
  const wanted = new Map<string, SubtreeKey>();
  const decomposed = ranges.map(([start, end]) => decompose(start, end));
  for (const key of decomposed.flat()) wanted.set(keyOf(key), key);
  const keys = [...wanted.values()];
  const hashes = await read(keys);
  const known = new Map<string, Uint8Array>();
  keys.forEach((key, i) => {
    const hash = hashes[i];
    // Buffer.from skips what is not hex, so a stored value that is not 32 bytes of hex comes out short.
    const bytes = typeof hash === 'string' ? Buffer.from(hash, 'hex') : null;
    if (!bytes || bytes.length !== 32 || hash!.length !== 64) throw new DomainError('invalid_state', `the log has no stored hash for the subtree at level ${key.level}, index ${key.index}`);
    known.set(keyOf(key), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  });
  // MTH of a range: the right fold node(P1, node(P2, … Pk)). Each suffix of the fold is itself a range ending at
  // the same place, so folds are kept by range: the root and the right-edge siblings of a proof share theirs.
  const folds = new Map<string, Uint8Array>();
  return decomposed.map((parts, r) => {
    const end = ranges[r]![1];
    const starts = parts.map(({ level, index }) => index * 2 ** level);
    // The longest suffix already folded (the last part alone when none is).
    let from = parts.length - 1;
    let hash = known.get(keyOf(parts[from]!))!;
    for (let i = 0; i < from; i += 1) {
      const folded = folds.get(`${starts[i]}:${end}`);
      if (folded) {
        from = i;
        hash = folded;
      }
    }
    for (let i = from - 1; i >= 0; i -= 1) {
      hash = nodeHash(known.get(keyOf(parts[i]!))!, hash);
      folds.set(`${starts[i]}:${end}`, hash);
    }
    return hash;
  });
}

/**
 * The left children a new leaf completes subtrees with: appending leaf `index` completes the subtree at level L
 * for every L ≥ 1 with 2^L dividing index + 1, whose left child is (L−1, 2·((index+1)/2^L − 1)). Nearest first.
 */
export function leftSiblingsOf(index: number): SubtreeKey[] {
  const keys: SubtreeKey[] = [];
  for (let level = 1, width = 2; (index + 1) % width === 0; level += 1, width *= 2) {
    keys.push({ level: level - 1, index: 2 * ((index + 1) / width - 1) });
  }
  return keys;
}

/** The subtrees (level ≥ 1) that leaf `index` with hash `leaf` completes, given the hashes of leftSiblingsOf(index). */
export function subtreesCompletedBy(index: number, leaf: Uint8Array, leftSiblings: readonly Uint8Array[]): Array<SubtreeKey & { hash: Uint8Array }> {
  const done: Array<SubtreeKey & { hash: Uint8Array }> = [];
  let hash = leaf;
  leftSiblings.forEach((left, i) => {
    const level = i + 1;
    hash = nodeHash(left, hash);
    done.push({ level, index: (index + 1) / 2 ** level - 1, hash });
  });
  return done;
}

/** How many subtrees of level ≥ 1 a log of n leaves has stored: Σ floor(n / 2^L) = n − popcount(n). */
export function storedSubtreeCount(n: number): number {
  let count = 0;
  for (let width = 2; width <= n; width *= 2) count += Math.floor(n / width);
  return count;
}

/**
 * The complete subtrees (level ≥ 1) of a log read from its first leaf in one pass: a stack holds the pending
 * perfect subtrees (the right edge), and two of equal level merge into their parent as soon as both exist.
 */
export function* subtreesOfLeaves(leafHashes: Iterable<Uint8Array>): Generator<SubtreeKey & { hash: Uint8Array }> {
  const stack: Array<{ level: number; hash: Uint8Array }> = [];
  let count = 0;
  for (const leaf of leafHashes) {
    count += 1;
    let top = { level: 0, hash: leaf };
    while (stack.length > 0 && stack.at(-1)!.level === top.level) {
      const left = stack.pop()!;
      top = { level: top.level + 1, hash: nodeHash(left.hash, top.hash) };
      yield { level: top.level, index: count / 2 ** top.level - 1, hash: top.hash };
    }
    stack.push(top);
  }
}
