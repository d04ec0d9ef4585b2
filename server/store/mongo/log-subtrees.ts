import { storedSubtreeCount, subtreesOfLeaves } from '../../domain/ledger/subtree-hashes.ts';
import type { Models } from './models.ts';

const chunk = 10_000;

/**
 * Fills log_subtrees for leaves appended before subtrees were stored: one pass over the leaves in order, inserted
 * in batches that skip rows already there (a subtree's hash never changes, so a rerun after an interruption
 * completes the set). A log whose subtrees are all stored costs two counts. Returns the rows written.
 */
export async function backfillLogSubtrees({ LogLeaf, LogSubtree }: Pick<Models, 'LogLeaf' | 'LogSubtree'>): Promise<number> {
  const last = await LogLeaf.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean<{ _id: number }>();
  const size = last ? last._id + 1 : 0;
  if ((await LogSubtree.estimatedDocumentCount()) === storedSubtreeCount(size)) return 0;
  async function* leafHashes() {
    for (let start = 0; start < size; start += chunk) {
      const docs = await LogLeaf.find({ _id: { $gte: start, $lt: start + chunk } }, { leafHash: 1 }).sort({ _id: 1 }).lean<Array<{ leafHash: string }>>();
      for (const doc of docs) yield new Uint8Array(Buffer.from(doc.leafHash, 'hex'));
    }
  }
  const leaves: Uint8Array[] = [];
  for await (const leaf of leafHashes()) leaves.push(leaf);
  let written = 0;
  let batch: Array<{ _id: string; hash: string }> = [];
  const flush = async () => {
    if (!batch.length) return;
    const ids = batch.map((doc) => doc._id);
    const present = new Set((await LogSubtree.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((doc) => doc._id));
    const missing = batch.filter((doc) => !present.has(doc._id));
    if (missing.length) await LogSubtree.insertMany(missing);
    written += missing.length;
    batch = [];
  };
  for (const { level, index, hash } of subtreesOfLeaves(leaves)) {
    batch.push({ _id: `${level}:${index}`, hash: Buffer.from(hash).toString('hex') });
    if (batch.length === chunk) await flush();
  }
  await flush();
  return written;
}
