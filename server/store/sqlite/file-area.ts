import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileArea } from '../port.ts';

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files under `<dataDir>/files/<first two hex digits>/<sha256>`. A file is written to
 * `files/tmp/`, flushed to disk, then renamed into place, so readers see it whole or not at all.
 */
export function createFileArea(dataDir: string): FileArea {
  const root = join(dataDir, 'files');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  async function exists(path: string): Promise<boolean> {
    return stat(path).then(() => true, () => false);
  }

  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      if (await exists(target)) return { sha256, size: bytes.byteLength };
      const temp = join(tmp, randomUUID());
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      if (!sha256Pattern.test(sha256)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
