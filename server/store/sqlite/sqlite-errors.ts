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
