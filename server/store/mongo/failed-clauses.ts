/**
 * The clauses a stored report fails "as themselves": failing, with no failing sub-clause (5.2.1 under 5.2) in the
 * same report. Kept on each revision document (`failedClauses`) so the statistics count them in the database
 * without parsing reports; the SQLite adapter computes the same set in SQL (sqlite/review-queries.ts).
 */
export function failedLeafClauses(report: unknown): string[] {
  const clauses = report && typeof report === 'object' && Array.isArray((report as { clauses?: unknown }).clauses) ? (report as { clauses: unknown[] }).clauses : [];
  const failing = [...new Set(clauses.flatMap((result) => {
    const { clause, status } = (result ?? {}) as { clause?: unknown; status?: unknown };
    return status === 'fail' && typeof clause === 'string' ? [clause] : [];
  }))];
  return failing.filter((clause) => !failing.some((other) => other.length > clause.length && other.startsWith(`${clause}.`)));
}
