import { createHash } from 'node:crypto';
import { mongo, type Connection } from 'mongoose';
import type { FileArea } from '../port.ts';

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files in GridFS (bucket "files", file name = SHA-256). GridFS writes the chunks first
 * and the file document last, so a file is found whole or not at all; a second put of the same bytes is a no-op.
 */
export function createGridFsFileArea(connection: Connection): FileArea {
  const bucket = () => new mongo.GridFSBucket(connection.db!, { bucketName: 'files' });
  const find = async (sha256: string) => (await bucket().find({ filename: sha256 }).limit(1).toArray())[0] ?? null;
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (!(await find(sha256))) {
        await new Promise<void>((resolve, reject) => {
          const stream = bucket().openUploadStream(sha256, { metadata: { sha256 } });
          stream.once('error', reject).once('finish', () => resolve());
          stream.end(Buffer.from(bytes));
        });
      }
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      if (!sha256Pattern.test(sha256)) return null;
      const file = await find(sha256);
      if (!file) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(file._id)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
