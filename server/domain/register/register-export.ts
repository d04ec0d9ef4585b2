import type { Store } from '../../store/port.ts';
import { registerPageSize, searchRegister, type RegisterEntry, type RegisterQuery } from './register-search.ts';

/** The most rows one export holds; a larger result is cut here and said to be (`truncated`). */
export const registerExportRows = 10_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every entry of a register search, page after page (starting at the query's cursor, ignoring its limit), up to
 * `maxRows`; `truncated` says more matched. Yields to the event loop between pages, so a large export never
 * holds other requests up for more than one page's read.
 */
export async function collectRegister(store: Pick<Store, 'register'>, query: RegisterQuery, now: Date = new Date(), maxRows = registerExportRows): Promise<{ entries: RegisterEntry[]; truncated: boolean }> {
  const entries: RegisterEntry[] = [];
  let cursor = query.cursor;
  for (;;) {
    const page = await searchRegister(store, { ...query, cursor, limit: Math.min(registerPageSize.max, maxRows - entries.length) }, now);
    entries.push(...page.items);
    if (page.nextCursor === null) return { entries, truncated: false };
    if (entries.length >= maxRows) return { entries, truncated: true };
    cursor = page.nextCursor;
    await nextTurn();
  }
}
