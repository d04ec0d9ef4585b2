import { DomainError } from '../../domain/errors.ts';

/** Runs a write and turns SQLite's uniqueness violations into DomainError('conflict'). */
export function translateConstraint<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new DomainError('conflict', `${what} already exists`);
    }
    throw error;
  }
}

/** What a storage failure says about the store: its file is damaged, or it cannot be written (or opened) now. */
export interface StorageFault {
  kind: 'damaged' | 'unwritable';
  cause: string;
}

const damageCodes = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];
const unwritableCodes = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];
const fileSystemCodes = ['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM'];

function matches(code: string, bases: string[]): boolean {
  return bases.some((base) => code === base || code.startsWith(`${base}_`));
}

/**
 * Classifies a driver or file-system error: a damaged database file (SQLITE_CORRUPT, SQLITE_NOTADB and their
 * extended codes), a store that cannot be written or opened now (disk full, read-only, I/O error), or null
 * for anything else (a bug or a constraint, handled elsewhere).
 */
export function storageFault(error: unknown): StorageFault | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const message = String((error as Error).message);
  const cause = message.startsWith(code) ? message : `${code}: ${message}`;
  if (matches(code, damageCodes)) return { kind: 'damaged', cause };
  if (matches(code, unwritableCodes) || fileSystemCodes.includes(code)) return { kind: 'unwritable', cause };
  return null;
}

/** The 503 a request gets while the store has a fault: the cause stays in the log, the client gets its kind. */
export function storageUnavailable(fault: StorageFault): DomainError {
  const message = fault.kind === 'damaged'
    ? 'the store\'s database file is damaged; writes are refused until it is repaired'
    : 'the store cannot be written now (disk full, read-only or failing); nothing was changed, try again later';
  return new DomainError('storage_unavailable', message, { storage: fault.kind });
}
