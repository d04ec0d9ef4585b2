import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { storageFault, storageUnavailable, type StorageFault } from './sqlite-errors.ts';

/** How the embedded store is: sound, or with a fault and its cause (for the log, never for clients). */
export type StoreCondition = { state: 'ok' } | { state: StorageFault['kind']; cause: string; since: string };

/** Told of every change of condition, once per change: the place for the log line. */
export type ConditionListener = (condition: StoreCondition) => void;

/** Tracks the store's condition and turns storage failures into 503 storage_unavailable. */
export interface StoreHealth {
  readonly condition: StoreCondition;
  /** Records a fault; a damaged file stays damaged until a check proves otherwise. */
  fault(fault: StorageFault): void;
  /** Records that the store works again. */
  recovered(): void;
  /** The error a caller should see for `error`: storage_unavailable for a storage fault (recorded), else `error`. */
  translate(error: unknown): unknown;
  /** Throws storage_unavailable while the file is known to be damaged: no write may land in it. */
  assertWritable(): void;
  /** Throws storage_unavailable unless the condition is ok. */
  assertReady(): void;
}

/** Creates the condition tracker; `listener` hears each change. */
export function createStoreHealth(listener: ConditionListener = () => undefined): StoreHealth {
  let condition: StoreCondition = { state: 'ok' };
  const change = (next: StoreCondition) => {
    condition = next;
    listener(next);
  };
  const asFault = (): StorageFault | null => (condition.state === 'ok' ? null : { kind: condition.state, cause: condition.cause });
  return {
    get condition() {
      return condition;
    },
    fault(fault) {
      if (condition.state === 'damaged') return;
      // The same kind with a new cause (SQLITE_FULL after ENOSPC) is one episode: remembered, not announced again.
      if (condition.state === fault.kind) condition = { ...condition, cause: fault.cause };
      else change({ state: fault.kind, cause: fault.cause, since: new Date().toISOString() });
    },
    recovered() {
      if (condition.state !== 'ok') change({ state: 'ok' });
    },
    translate(error) {
      const fault = storageFault(error);
      if (!fault) return error;
      this.fault(fault);
      return storageUnavailable(fault);
    },
    assertWritable() {
      if (condition.state === 'damaged') throw storageUnavailable(asFault()!);
    },
    assertReady() {
      const fault = asFault();
      if (fault) throw storageUnavailable(fault);
    },
  };
}

const probeName = '.write-probe';
const probeBytes = Buffer.alloc(16 * 1024);

function probeFault(error: unknown): StorageFault {
  return storageFault(error) ?? { kind: 'unwritable', cause: `data directory probe: ${(error as Error).message}` };
}

/**
 * Writes, flushes and removes 16 KiB in the data directory: the cheapest proof that the disk has room and
 * is writable (SQLite's open handles would not notice a read-only remount or a full disk until a commit).
 */
export async function probeDataDir(dataDir: string): Promise<StorageFault | null> {
  const path = join(dataDir, probeName);
  try {
    const handle = await open(path, 'w', 0o600);
    try {
      await handle.write(probeBytes);
      await handle.sync();
    } finally {
      await handle.close();
      await unlink(path).catch(() => undefined);
    }
    return null;
  } catch (error) {
    return probeFault(error);
  }
}

/** `probeDataDir`, synchronously, for start-up. */
export function probeDataDirSync(dataDir: string): StorageFault | null {
  const path = join(dataDir, probeName);
  try {
    const fd = openSync(path, 'w', 0o600);
    try {
      writeSync(fd, probeBytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      try {
        unlinkSync(path);
      } catch {
        // a probe left behind is harmless and is overwritten next time
      }
    }
    return null;
  } catch (error) {
    return probeFault(error);
  }
}
