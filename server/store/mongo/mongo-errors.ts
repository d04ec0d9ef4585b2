import { DomainError } from '../../domain/errors.ts';

/** Runs a write and turns MongoDB's duplicate-key error (11000) into DomainError('conflict'). */
export async function translateDuplicate<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new DomainError('conflict', `${what} already exists`);
    throw error;
  }
}
