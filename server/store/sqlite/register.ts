import type { Database, Statement } from 'better-sqlite3';
import type { RegisterRecord, RegisterRepository, RegisterRow, RegisterSearch } from '../port.ts';
import { columns, conditionsOf, ftsQueryOf, searchSql, toRow, type RowValues } from './register-sql.ts';

/**
 * Positions one read covers when a search is read in windows: a condition no index orders by position (an expiry
 * or issue date, several statuses at once) is checked row by row, about 0.4 µs a row, so a window stays a read of
 * some 25 ms at worst, and other requests get their turn between windows.
 */
export const registerWindow = 65_536;

/** True when the search has a condition no index serves in position order (see registerWindow). */
export function readsInWindows(search: RegisterSearch): boolean {
  return search.validUntilNotAfter !== undefined || search.issuedFrom !== undefined || search.issuedBefore !== undefined || (search.statuses?.length ?? 0) > 1;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The public register in SQLite: certificate_register and its FTS5 index certificate_register_text (migration 008). */
export function createRegisterRepository(db: Database): RegisterRepository {
  const byNumber = db.prepare(`SELECT ${columns} FROM certificate_register AS r WHERE r.number = ?`).raw();
  const lastPosition = db.prepare('SELECT coalesce(max(position), 0) FROM certificate_register').pluck();
  const counts = db.prepare('SELECT (SELECT count(*) FROM certificates) AS certificates, (SELECT count(*) FROM certificate_register) AS registered');
  const unregistered = db.prepare(`SELECT c.number FROM certificates AS c WHERE NOT EXISTS (SELECT 1 FROM certificate_register AS r WHERE r.position = c.seq)
    ORDER BY c.seq LIMIT ?`).pluck();
  const put = db.prepare(`INSERT INTO certificate_register (position, number, jurisdiction, status, status_reason, status_at, manufacturer, brand, model,
      variants, hs_code, standard_code, standard_version, issued_at, valid_until, manufacturer_key, model_key, hs_digits)
    VALUES ((SELECT seq FROM certificates WHERE number = @number), @number, @jurisdiction, @status, @statusReason, @statusAt, @manufacturer, @brand,
      @model, @variants, @hsCode, @standardCode, @standardVersion, @issuedAt, @validUntil, @manufacturerKey, @modelKey, @hsDigits)
    ON CONFLICT (number) DO UPDATE SET status = excluded.status, status_reason = excluded.status_reason, status_at = excluded.status_at`);
  // One prepared statement per shape of search (which filters are given): a bounded set.
  const statements = new Map<string, Statement>();
  const statementFor = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw()));
    return statement;
  };
  /** One read: the search's rows from `fromPosition` on (all positions below its keyset when not given). */
  const read = (search: RegisterSearch, fromPosition?: number): RegisterRow[] => {
    const { sql, params } = conditionsOf(search);
    const values = {
      ...params, limit: search.limit, ...(search.beforePosition !== undefined ? { before: search.beforePosition } : {}),
      ...(fromPosition !== undefined ? { from: fromPosition } : {}), ...(search.words.length ? { match: ftsQueryOf(search.words) } : {}),
    };
    return (statementFor(searchSql(search, sql, fromPosition)).all(values) as RowValues[]).map(toRow);
  };
  return {
    async get(number) {
      const row = byNumber.get(number) as RowValues | undefined;
      return row ? toRow(row) : null;
    },
    async search(search) {
      if (!readsInWindows(search)) return read(search);
      const rows: RegisterRow[] = [];
      let before = search.beforePosition ?? (lastPosition.get() as number) + 1;
      while (before > 1 && rows.length < search.limit) {
        const from = Math.max(1, before - registerWindow);
        rows.push(...read({ ...search, beforePosition: before, limit: search.limit - rows.length }, from));
        before = from;
        if (before > 1 && rows.length < search.limit) await nextTurn();
      }
      return rows;
    },
    async unregistered(limit) {
      const { certificates, registered } = counts.get() as { certificates: number; registered: number };
      return certificates === registered ? [] : (unregistered.all(limit) as string[]);
    },
    async put(record: RegisterRecord) {
      put.run({ ...record, variants: JSON.stringify(record.variants) });
    },
  };
}
