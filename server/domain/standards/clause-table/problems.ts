import { DomainError } from '../../errors.ts';

/** One thing wrong with a clause table: the sheet row (1-based, as a spreadsheet shows it), the column's header, and what is wrong. */
export interface TableProblem {
  row: number;
  column: string;
  message: string;
}

/** Collects every problem of a table, so that one answer lists them all. */
export class ProblemList {
  readonly items: TableProblem[] = [];
  add(row: number, column: string, message: string): void {
    this.items.push({ row, column, message });
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  /** Throws validation_failed with details.errors listing every problem, when there is any. */
  throwIfAny(): void {
    if (this.empty) return;
    const count = this.items.length;
    throw new DomainError('validation_failed', `the clause table has ${count} problem${count === 1 ? '' : 's'}`, { errors: this.items });
  }
}

/** A problem with the table as a whole (no row to name): validation_failed with that one problem. */
export function tableError(row: number, column: string, message: string): DomainError {
  return new DomainError('validation_failed', message, { errors: [{ row, column, message }] });
}
