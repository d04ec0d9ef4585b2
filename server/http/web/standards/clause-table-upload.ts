import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { detectAttachmentFormat } from '../../../domain/attachments/detect-type.ts';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { authorize, can } from '../../../domain/policies/index.ts';
import type { CatalogContext } from '../../../domain/standards/catalog.ts';
import { maxTableBytes, maxTableRows, uploadClauseTable, type TableProblem } from '../../../domain/standards/clause-table/index.ts';
import { requestIdOf } from '../../acting.ts';
import type { AppContext } from '../../context.ts';
import { singleFileUpload } from '../../middleware/upload.ts';
import { problemStatus } from '../../problem.ts';
import { uploadPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';

const templates = {
  'clause-table-template.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'clause-table-template.csv': 'text/csv; charset=utf-8',
} as const;

const templateDir = fileURLToPath(new URL('../../../../schemas/templates/', import.meta.url));

/** What the form shows when a table is refused: a message in the user's language, the field it belongs to, each row problem, and the English detail. */
interface TableFailure {
  message: string;
  problems: TableProblem[];
  detail: string | null;
  status: number;
}

/**
 * The clause-table upload of the standards management pages: a form (regulators who may upload), the
 * template downloads, and the upload itself, which turns the table into a draft under uploadStandard's
 * rules or shows every problem by row and column next to the form, storing nothing.
 */
export function clauseTableUploadPages(ctx: AppContext): Router {
  const router = Router();
  const catalog: CatalogContext = { store: ctx.store, checks: ctx.checks, limits: ctx.config.limits };
  const maxBytes = Math.min(maxTableBytes, ctx.config.limits.uploadBytes);

  function renderForm(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    renderPage(req, res, 'clause-table-upload', {
      title: t(lang, 'clauseTable.title'),
      canUpload: can(actor, 'standard.upload'),
      maxKib: Math.round(maxBytes / 1024),
      maxRows: maxTableRows,
      ...extra,
    }, status);
  }

  router.get('/manage/standards/clause-table', requireSignedIn, function clauseTableUploadPage(req, res) {
    renderForm(req, res);
  });

  router.get('/manage/standards/clause-table/:file', requireSignedIn, function downloadClauseTableTemplate(req, res) {
    authorize(res.locals.actor as Actor, 'standard.manage');
    const name = String(req.params.file);
    if (!Object.hasOwn(templates, name)) throw new DomainError('not_found', `no template ${name}`);
    res.type(templates[name as keyof typeof templates]).attachment(name).send(readFileSync(templateDir + name));
  });

  uploadPost(router, '/manage/standards/clause-table', tableUploadParser(maxBytes), async function createDraftFromClauseTable(req, res) {
    const actor = res.locals.actor as Actor;
    const lang = res.locals.lang as Language;
    authorize(actor, 'standard.manage');
    let failure: TableFailure | null;
    try {
      const refusal = res.locals.uploadRefusal as unknown;
      if (refusal) throw refusal;
      const file = req.file && req.file.size > 0 ? req.file : null;
      if (!file) throw new DomainError('validation_failed', 'no file', { missing: true });
      // Sniffed by content: PDF, images and JSON are refused here; other text goes to the table reader, which
      // takes only XLSX and strict UTF-8 CSV (a clause table's header block makes its lines differ in length).
      const format = await detectAttachmentFormat(file.buffer).catch(() => null);
      if (format !== null && format !== 'xlsx' && format !== 'csv') throw new DomainError('unsupported_media_type', `the file "${file.originalname}" is ${format}, neither XLSX nor CSV`);
      const record = await uploadClauseTable(catalog, actor, file.buffer, {}, requestIdOf(req));
      return res.redirect(303, `/manage/standards/${encodeURIComponent(record.code)}/${encodeURIComponent(record.version)}?done=uploaded`);
    } catch (error) {
      failure = tableFailure(lang, error, maxBytes);
      if (!failure) throw error;
    }
    renderForm(req, res, { failure, errors: { file: failure.message } }, failure.status);
  });

  return router;
}

/** One file, `file`; a refusal by the parser (too large) is kept for the form rather than ending the request. */
function tableUploadParser(maxBytes: number) {
  const parse = singleFileUpload('file', maxBytes);
  return function parseClauseTableUpload(req: Request, res: Response, next: (error?: unknown) => void) {
    parse(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError || isDomainError(error)) {
        res.locals.uploadRefusal = error;
        req.body ??= {};
        return next();
      }
      next(error);
    });
  };
}

function tableFailure(lang: Language, error: unknown, maxBytes: number): TableFailure | null {
  const kib = Math.round(maxBytes / 1024);
  if (error instanceof multer.MulterError) {
    return { message: t(lang, 'clauseTable.tooLarge', { size: kib }), problems: [], detail: error.message, status: error.code === 'LIMIT_FILE_SIZE' ? 413 : 400 };
  }
  if (!isDomainError(error)) return null;
  if (error.details.missing === true) return { message: t(lang, 'clauseTable.missing'), problems: [], detail: null, status: 422 };
  if (error.code === 'unsupported_media_type') return { message: t(lang, 'clauseTable.wrongType'), problems: [], detail: error.message, status: 415 };
  if (error.code === 'payload_too_large') return { message: t(lang, 'clauseTable.tooLarge', { size: kib }), problems: [], detail: error.message, status: 413 };
  const problems = Array.isArray(error.details.errors) ? (error.details.errors as TableProblem[]).filter((p) => typeof p.row === 'number' && typeof p.column === 'string') : [];
  if (error.code === 'validation_failed' && problems.length > 0) {
    return { message: t(lang, 'clauseTable.problems', { count: problems.length }), problems, detail: null, status: 422 };
  }
  if (error.code === 'not_found' || error.code === 'unauthenticated') return null;
  // Refused by uploadStandard's rules (schema, limits, ownership, a published version): the reason in English.
  return { message: t(lang, 'clauseTable.rejected'), problems: [], detail: error.message, status: problemStatus[error.code].status };
}
