/**
 * A small RFC 9162 proof verifier written for the tests from the RFC's text (§2.1.3.2, §2.1.4.2),
 * independent of server/domain/ledger, so the log's proofs are checked by code that does not share its bugs.
 */
import { createHash } from 'node:crypto';

const hashNode = (left: Buffer, right: Buffer) => createHash('sha256').update(Buffer.concat([Buffer.from([1]), left, right])).digest();

/** SHA-256(0x00 ‖ entry). */
export function rfcLeafHash(entry: Buffer | string): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(entry)])).digest();
}

/** §2.1.3.2: verify an inclusion proof (hex inputs). */
export function rfcVerifyInclusion(leafIndex: number, treeSize: number, leafHex: string, pathHex: string[], rootHex: string): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = Buffer.from(leafHex, 'hex');
  for (const hex of pathHex) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashNode(p, r);
      if (fn % 2 === 0) {
        do {
          fn >>= 1;
          sn >>= 1;
        } while (fn % 2 === 0 && fn !== 0);
      }
    } else {
      r = hashNode(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.toString('hex') === rootHex;
}

/** §2.1.4.2: verify a consistency proof (hex inputs). */
export function rfcVerifyConsistency(first: number, second: number, firstHex: string, secondHex: string, pathHex: string[]): boolean {
  if (first === second) return pathHex.length === 0 && firstHex === secondHex;
  const proof = pathHex.map((hex) => Buffer.from(hex, 'hex'));
  if ((first & (first - 1)) === 0) proof.unshift(Buffer.from(firstHex, 'hex'));
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  if (proof.length === 0) return false;
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashNode(c, fr);
      sr = hashNode(c, sr);
      if (fn % 2 === 0) {
        do {
          fn >>= 1;
          sn >>= 1;
        } while (fn % 2 === 0 && fn !== 0);
      }
    } else {
      sr = hashNode(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr.toString('hex') === firstHex && sr.toString('hex') === secondHex && sn === 0;
}

/** MTH by the RFC's recursive definition (§2.1.1), over leaf hashes in hex. */
export function rfcRoot(leavesHex: string[]): string {
  const mth = (leaves: Buffer[]): Buffer => {
    if (leaves.length === 0) return createHash('sha256').digest();
    if (leaves.length === 1) return leaves[0]!;
    let k = 1;
    while (k << 1 < leaves.length) k <<= 1;
    return hashNode(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
  };
  return mth(leavesHex.map((hex) => Buffer.from(hex, 'hex'))).toString('hex');
}
