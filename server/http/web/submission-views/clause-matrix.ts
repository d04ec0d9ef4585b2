/**
 * The clause matrix: a conformance report as the pages show it (partial `views/partials/clause-matrix.hbs`).
 *
 * `presentClauseMatrix(report, lang, context?)` turns a stored report (a revision's `report`, read defensively:
 * old or partial reports never throw) into one row per clause of the standard, in the standard's order:
 * the clause id, its title in `lang`, the result (pass / fail / not applicable, each with a text and an
 * icon so colour is never the only signal), and for a failing clause its requirement text and unit
 * (from the standard's clause index) and each failure: the failing value read from the spec at the finding's
 * path (in `lang`'s digits, with the unit), the engine's message in `lang` (reports carry en/ru/fa messages),
 * and, when the page shows the form, a link `#field-…` to the input for that path (or its nearest group).
 * Failures no clause encloses are listed in a last row without a clause id.
 *
 * Context (all optional): `spec` (the checked spec, for the failing values), `clauses` (the standard's clause
 * index: `engine.clauseIndex(schema, referenced)`, for requirement text and units), `fieldIds` (JSON pointer →
 * HTML id of the form's inputs and groups, from schema-form's `fieldIdsOf`; without it, no links).
 *
 * Use in a template: `{{> clause-matrix matrix=matrix}}` where `matrix` is this function's result.
 * `summarizeReport(report)` gives the one-line summary lists show (conforms, and counts by result).
 */
import type { ClauseInfo, LocalizedText } from '../../../domain/conformance/index.ts';
import { resolvePointer } from '../../../domain/conformance/json-pointer.ts';
import { localizeDigits } from '../i18n/digits.ts';
import { pickText, type Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { displayValue } from './display-value.ts';

export type ClauseStatus = 'pass' | 'fail' | 'not_applicable';

/** One failure of a clause as a row of the matrix lists it. */
export interface MatrixFailure {
  /** JSON pointer of the failing value in the spec ("" for the spec as a whole). */
  pointer: string;
  /** The failing value as shown ('' when the value is missing: see `missing`). */
  value: string;
  /** The property that is required but absent, when that is the failure. */
  missing: string | null;
  /** The engine's message in the page's language. */
  message: string;
  /** `#field-…` of the form input for this value, or null when the page has no such input. */
  href: string | null;
}

/** One clause of the standard with its result. */
export interface MatrixRow {
  clause: string | null;
  title: string;
  status: ClauseStatus;
  /** The result in words, in the page's language. */
  statusText: string;
  /** ✓ ✗ or –, shown beside the words (never alone). */
  icon: string;
  requirement: string;
  unit: string | null;
  failures: MatrixFailure[];
  /** A failing clause with no failure of its own listed: it fails through a clause it contains (or the list was cut). */
  failsWithin: boolean;
}

export interface ClauseMatrix {
  conforms: boolean;
  rows: MatrixRow[];
  counts: { pass: number; fail: number; notApplicable: number };
  /** How many findings the report lists and holds in all (the engine lists at most 1,000). */
  findingsShown: number;
  findingsTotal: number;
  truncated: boolean;
  checkedAt: string | null;
  standard: string;
}

export interface MatrixContext {
  spec?: unknown;
  clauses?: readonly ClauseInfo[];
  fieldIds?: ReadonlyMap<string, string>;
}

interface StoredFinding {
  clause: string | null;
  instancePath: string;
  keyword: string;
  message: string;
  messages: Partial<Record<Language, string>>;
  params: Record<string, unknown>;
}

const icons: Record<ClauseStatus, string> = { pass: '✓', fail: '✗', not_applicable: '–' };
const statusKeys: Record<ClauseStatus, string> = { pass: 'vendor.matrix.pass', fail: 'vendor.matrix.fail', not_applicable: 'vendor.matrix.notApplicable' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function findingsOf(report: Record<string, unknown>): StoredFinding[] {
  const findings = Array.isArray(report.findings) ? report.findings : [];
  return findings.filter(isObject).map((finding) => ({
    clause: typeof finding.clause === 'string' ? finding.clause : null,
    instancePath: text(finding.instancePath),
    keyword: text(finding.keyword),
    message: text(finding.message),
    messages: isObject(finding.messages) ? (finding.messages as Partial<Record<Language, string>>) : {},
    params: isObject(finding.params) ? finding.params : {},
  }));
}

function statusOf(value: unknown): ClauseStatus {
  return value === 'pass' || value === 'fail' ? value : 'not_applicable';
}

/** The field link for a pointer: the input itself, else the nearest enclosing group the form shows. */
function fieldHref(pointer: string, fieldIds: ReadonlyMap<string, string> | undefined): string | null {
  if (!fieldIds) return null;
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
    const id = fieldIds.get(current);
    if (id !== undefined) return `#${id}`;
    if (current === '') return null;
  }
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function presentFailure(finding: StoredFinding, lang: Language, context: MatrixContext): MatrixFailure {
  const missing = finding.keyword === 'required' && typeof finding.params.missingProperty === 'string' ? finding.params.missingProperty : null;
  const pointer = missing === null ? finding.instancePath : `${finding.instancePath}/${escapeToken(missing)}`;
  const value = missing === null && context.spec !== undefined ? displayValue(lang, resolvePointer(context.spec, finding.instancePath)) : '';
  return {
    pointer,
    value,
    missing,
    message: localizeDigits(lang, finding.messages[lang] ?? finding.message),
    href: fieldHref(pointer, context.fieldIds),
  };
}

function localized(value: LocalizedText | null | undefined, lang: Language): string {
  return value ? pickText(value, lang) : '';
}

/** The report as the clause matrix partial shows it, in `lang` (see the top of this file). */
export function presentClauseMatrix(report: unknown, lang: Language, context: MatrixContext = {}): ClauseMatrix {
  const stored = isObject(report) ? report : {};
  const findings = findingsOf(stored);
  const infos = new Map((context.clauses ?? []).map((info) => [info.clause, info]));
  const results = (Array.isArray(stored.clauses) ? stored.clauses : []).filter(isObject);
  const rows: MatrixRow[] = results.map((result) => {
    const clause = text(result.clause);
    const status = statusOf(result.status);
    const info = infos.get(clause);
    return {
      clause,
      title: localized((result.title as LocalizedText | null) ?? info?.title, lang),
      status,
      statusText: t(lang, statusKeys[status]),
      icon: icons[status],
      requirement: status === 'fail' ? localized(info?.requirement, lang) : '',
      unit: info?.unit ?? null,
      failures: status === 'fail' ? findings.filter((finding) => finding.clause === clause).map((finding) => presentFailure(finding, lang, context)) : [],
      failsWithin: false,
    };
  });
  for (const row of rows) row.failsWithin = row.status === 'fail' && row.failures.length === 0;
  const unattributed = findings.filter((finding) => finding.clause === null || !rows.some((row) => row.clause === finding.clause));
  if (unattributed.length > 0) {
    rows.push({
      clause: null, title: t(lang, 'vendor.matrix.general'), status: 'fail', statusText: t(lang, statusKeys.fail), icon: icons.fail,
      requirement: '', unit: null, failures: unattributed.map((finding) => presentFailure(finding, lang, context)), failsWithin: false,
    });
  }
  const count = (status: ClauseStatus) => rows.filter((row) => row.clause !== null && row.status === status).length;
  const standard = isObject(stored.standard) ? `${text(stored.standard.code)}@${text(stored.standard.version)}` : '';
  const total = typeof stored.findingsTotal === 'number' ? stored.findingsTotal : findings.length;
  return {
    conforms: stored.conforms === true,
    rows,
    counts: { pass: count('pass'), fail: count('fail'), notApplicable: count('not_applicable') },
    findingsShown: findings.length,
    findingsTotal: total,
    truncated: stored.findingsTruncated === true || total > findings.length,
    checkedAt: typeof stored.checkedAt === 'string' ? stored.checkedAt : null,
    standard,
  };
}

/** A report in one line: whether it conforms and how many clauses passed, failed and did not apply. */
export function summarizeReport(report: unknown): { conforms: boolean; pass: number; fail: number; notApplicable: number } {
  const stored = isObject(report) ? report : {};
  const statuses = (Array.isArray(stored.clauses) ? stored.clauses : []).filter(isObject).map((result) => statusOf(result.status));
  return {
    conforms: stored.conforms === true,
    pass: statuses.filter((status) => status === 'pass').length,
    fail: statuses.filter((status) => status === 'fail').length,
    notApplicable: statuses.filter((status) => status === 'not_applicable').length,
  };
}
