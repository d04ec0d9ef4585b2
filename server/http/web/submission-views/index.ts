/**
 * Presenters shared by the vendor and regulator pages for a submission's revisions:
 * - `presentClauseMatrix(report, lang, { spec, clauses, fieldIds })` → partial `clause-matrix` (`{{> clause-matrix matrix=…}}`)
 * - `summarizeReport(report)` → conforms and counts, for lists
 * - `diffRevisions(oldSpec, newSpec)` and `presentRevisionDiff(diff, lang, { from, to })` → partial `revision-diff` (`{{> revision-diff diff=…}}`)
 * - `displayValue(lang, value)` → a spec value as pages show it
 */
export { presentClauseMatrix, summarizeReport, type ClauseMatrix, type MatrixContext, type MatrixFailure, type MatrixRow } from './clause-matrix.ts';
export { diffRevisions, presentRevisionDiff, maxDiffRows, type DiffRow, type RevisionDiff } from './revision-diff.ts';
export { displayValue } from './display-value.ts';
