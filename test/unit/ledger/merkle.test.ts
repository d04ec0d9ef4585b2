import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '../../../server/domain/ledger/log-entry.ts';
import { consistencyPath, inclusionPath, leafHash, rootHash, verifyConsistency, verifyInclusion } from '../../../server/domain/ledger/merkle.ts';
import { rfcLeafHash, rfcRoot, rfcVerifyConsistency, rfcVerifyInclusion } from '../../helpers/rfc9162-verifier.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const hex = (items: Uint8Array[]) => items.map(toHex);

describe('Merkle tree (RFC 9162)', () => {
  it('when a leaf is hashed, then it is SHA-256(0x00 ‖ entry) and the empty tree is SHA-256("")', () => {
    assert.equal(toHex(leafHash(new TextEncoder().encode('abc'))), rfcLeafHash('abc').toString('hex'));
    assert.equal(toHex(rootHash([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('when trees of 1…33 leaves are built, then every root equals the RFC definition, including non-powers of two', () => {
    for (let n = 1; n <= 33; n += 1) assert.equal(toHex(rootHash(leaves(n))), rfcRoot(hex(leaves(n))), `size ${n}`);
  });

  it('when every leaf of trees up to 33 is proven, then the independent verifier accepts each proof and rejects a tampered one', () => {
    for (let n = 1; n <= 33; n += 1) {
      const tree = leaves(n);
      const root = toHex(rootHash(tree));
      for (let i = 0; i < n; i += 1) {
        const path = hex(inclusionPath(i, tree));
        assert.ok(rfcVerifyInclusion(i, n, toHex(tree[i]!), path, root), `leaf ${i} of ${n}`);
        assert.ok(verifyInclusion(i, n, tree[i]!, inclusionPath(i, tree), rootHash(tree)));
        if (path.length > 0) assert.equal(rfcVerifyInclusion(i, n, toHex(tree[i]!), [path[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0')), ...path.slice(1)], root), false);
        assert.equal(rfcVerifyInclusion(i, n, toHex(tree[(i + 1) % n]!), path, root), n === 1);
      }
    }
  });

  it('when consistency between every pair of sizes up to 24 is proven, then the independent verifier accepts it and rejects a wrong old root', () => {
    for (let n = 1; n <= 24; n += 1) {
      const tree = leaves(n);
      for (let m = 1; m <= n; m += 1) {
        const path = hex(consistencyPath(m, tree));
        const oldRoot = toHex(rootHash(tree.slice(0, m)));
        const newRoot = toHex(rootHash(tree));
        assert.ok(rfcVerifyConsistency(m, n, oldRoot, newRoot, path), `${m} → ${n}`);
        assert.ok(verifyConsistency(m, n, rootHash(tree.slice(0, m)), rootHash(tree), consistencyPath(m, tree)));
        if (m < n) assert.equal(rfcVerifyConsistency(m, n, toHex(rootHash(leaves(m + 1).slice(1))), newRoot, path), false);
      }
    }
  });

  it('when a proof is asked for outside the tree, then it is refused', () => {
    assert.throws(() => inclusionPath(3, leaves(3)), RangeError);
    assert.throws(() => consistencyPath(0, leaves(3)), RangeError);
    assert.throws(() => consistencyPath(4, leaves(3)), RangeError);
  });
});
