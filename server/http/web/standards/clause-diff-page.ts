import { Router, type Request, type Response } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { compareVersions, mayCompare, type VersionComparison, type VersionParameter } from '../../../domain/standards/clause-diff/compare-versions.ts';
import type { ClauseChange, ClauseFact } from '../../../domain/standards/clause-diff/types.ts';
import type { StandardReader, StandardRecord } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import { fieldText } from '../forms.ts';
import { formatNumber } from '../i18n/format.ts';
import { languageNames, type Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';

/** A semantic version, as the standard document schema and the diff API accept it. */
const versionPattern = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The version picker: the versions the viewer may compare (drafts for those who manage standards), and the two chosen. */
export interface DiffPicker {
  code: string;
  versions: Array<{ version: string; status: string }>;
  from: string;
  to: string;
}

function pickerOf(code: string, versions: StandardRecord[], actor: Actor | null, from: string, to: string): DiffPicker {
  const visible = versions.filter((record) => mayCompare(actor, record));
  return { code, versions: visible.map((record) => ({ version: record.version, status: record.status })), from, to };
}

/** The picker for the page of version `record`: that version against the one before it. */
export async function diffPickerFor(standards: StandardReader, record: StandardRecord, actor: Actor | null): Promise<DiffPicker | null> {
  const versions = (await standards.listVersions(record.code)).filter((version) => mayCompare(actor, version));
  if (versions.length < 2) return null;
  const at = Math.max(versions.findIndex((version) => version.version === record.version), 0);
  const before = versions[at > 0 ? at - 1 : at + 1]!;
  const [from, to] = at > 0 ? [before.version, record.version] : [record.version, before.version];
  return pickerOf(record.code, versions, actor, from, to);
}

/** A value as the page shows it: absent, a list of places where a field is required, text, or JSON. */
function presentValue(lang: Language, aspect: string, value: unknown) {
  if (value === null || value === undefined) return { absent: true };
  if (aspect === 'required') return Array.isArray(value) && value.length > 0 ? { requiredAt: value.map((at) => presentAt(String(at))) } : { optional: true };
  if (aspect === 'illustrative') return { text: t(lang, value === true ? 'clauseDiff.yes' : 'clauseDiff.no') };
  if (aspect === 'source' && Array.isArray(value)) return { text: value.join('; ') };
  if (typeof value === 'string' && aspect !== 'pattern' && aspect !== 'enum' && aspect !== 'const') return { text: value };
  return { json: JSON.stringify(value) };
}

function presentAt(at: string) {
  return at === '' ? { root: true } : { path: at };
}

function presentChange(lang: Language, change: ClauseChange) {
  return {
    aspectKey: `clauseDiff.aspect.${change.aspect}`,
    language: change.language ?? null,
    languageName: change.language ? languageNames[change.language] : null,
    keyword: change.keyword && change.aspect !== 'required' && change.aspect !== 'condition' ? change.keyword : null,
    at: change.at === undefined ? null : presentAt(change.at),
    from: presentValue(lang, change.aspect, change.from),
    to: presentValue(lang, change.aspect, change.to),
    added: change.added?.length ? JSON.stringify(change.added) : null,
    removed: change.removed?.length ? JSON.stringify(change.removed) : null,
  };
}

function presentRule(lang: Language, fact: ClauseFact) {
  return {
    aspectKey: `clauseDiff.aspect.${fact.aspect}`,
    keyword: fact.keyword && fact.aspect !== 'required' && fact.aspect !== 'condition' ? fact.keyword : null,
    at: fact.at === undefined ? null : presentAt(fact.at),
    value: presentValue(lang, fact.aspect, fact.value),
  };
}

function presentComparison(lang: Language, comparison: VersionComparison) {
  const entry = (clause: VersionComparison['added'][number]) => ({ ...clause, source: presentValue(lang, 'source', clause.source), rules: clause.rules.map((rule) => presentRule(lang, rule)) });
  return {
    from: comparison.from,
    to: comparison.to,
    added: comparison.added.map(entry),
    removed: comparison.removed.map(entry),
    changed: comparison.changed.map((clause) => ({ ...clause, changes: clause.changes.map((change) => presentChange(lang, change)) })),
    unchanged: formatNumber(lang, comparison.unchanged),
    identical: comparison.added.length + comparison.removed.length + comparison.changed.length === 0,
  };
}

/** The message key of what is wrong with a version parameter, or null when it names a version the viewer may compare. */
function versionError(value: string, versions: StandardRecord[], actor: Actor | null): { key: string; status: number } | null {
  if (value === '') return { key: 'clauseDiff.error.missing', status: 400 };
  if (value.length > 64 || !versionPattern.test(value)) return { key: 'clauseDiff.error.format', status: 400 };
  const record = versions.find((version) => version.version === value);
  if (!record) return { key: 'clauseDiff.error.unknown', status: 404 };
  if (!mayCompare(actor, record)) return { key: 'clauseDiff.error.draft', status: 403 };
  return null;
}

/** GET /standards/{code}/diff?from=&to=: the picker alone without parameters; the form with its errors for bad ones. */
async function standardDiffPage(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const lang = res.locals.lang as Language;
  const actor = (res.locals.actor as Actor | undefined) ?? null;
  const code = String(req.params.code);
  const versions = await ctx.store.standards.listVersions(code);
  if (versions.length === 0) throw new DomainError('not_found', `no standard ${code}`);
  const asked = { from: fieldText(req.query.from), to: fieldText(req.query.to) };
  const picker = pickerOf(code, versions, actor, asked.from, asked.to);
  const title = t(lang, 'clauseDiff.title');
  if (req.query.from === undefined && req.query.to === undefined) {
    renderPage(req, res, 'standard-diff', { title, code, diffPicker: pickerWithDefaults(picker) });
    return;
  }
  const errors: Partial<Record<VersionParameter, string>> = {};
  const statuses: number[] = [];
  for (const parameter of ['from', 'to'] as const) {
    const error = versionError(asked[parameter], versions, actor);
    if (error) {
      errors[parameter] = t(lang, error.key);
      statuses.push(error.status);
    }
  }
  if (statuses.length > 0) {
    // A malformed parameter first, then an unknown version, then a draft the viewer may not see.
    const status = [400, 404, 403].find((candidate) => statuses.includes(candidate))!;
    renderPage(req, res, 'standard-diff', { title, code, diffPicker: picker, errors, hasErrors: true }, status);
    return;
  }
  const comparison = await compareVersions(ctx.store.standards, actor, code, asked.from, asked.to);
  renderPage(req, res, 'standard-diff', { title: `${title}: ${code} ${asked.from} → ${asked.to}`, code, diffPicker: picker, diff: presentComparison(lang, comparison) });
}

/** Without a choice: the newest version against the one before it. */
function pickerWithDefaults(picker: DiffPicker): DiffPicker {
  const versions = picker.versions;
  if (versions.length === 0) return picker;
  return { ...picker, from: versions[Math.max(versions.length - 2, 0)]!.version, to: versions[versions.length - 1]!.version };
}

/** The clause-level diff page of a standard. Mounted before the standard's version pages, which would take "diff" for a version. */
export function clauseDiffPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/standards/:code/diff', function clauseDiffPage(req, res) {
    return standardDiffPage(ctx, req, res);
  });
  return router;
}
