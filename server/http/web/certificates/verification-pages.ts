import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { certificateVerificationUrl, parseVerificationUrl } from '../../../domain/verification/verification-url.ts';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { numberProblem } from '../../../domain/verification/number-check.ts';
import { foreignOrigin } from '../../../domain/verification/qr-origin.ts';
import { qrPhotoLimits, readQrPhoto, type QrPhotoProblem } from '../../../domain/verification/qr-photo-reader.ts';
import type { AppContext } from '../../context.ts';
import { presentCertificate } from './certificate-presentation.ts';
import { uploadPost } from '../forms.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { typedCertificateNumber } from './typed-text.ts';

const photoErrors: Record<QrPhotoProblem | 'missing' | 'too_large', string> = {
  missing: 'public.error.photoMissing', empty: 'public.error.photoMissing', too_large: 'public.error.photoTooLarge',
  not_an_image: 'public.error.photoNotImage', too_many_pixels: 'public.error.photoTooManyPixels', unreadable_image: 'public.error.photoUnreadable',
  no_qr_code: 'public.error.photoNoQr', too_slow: 'public.error.photoTooSlow', busy: 'public.error.photoBusy',
};

/** The photo field: one file of at most 8 MiB in memory; over the limit is a field error on the page, not an error page. */
const photoUpload: RequestHandler = (() => {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: qrPhotoLimits.maxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50, fieldNameSize: 50, fieldNestingDepth: 0, fieldArrayIndexLimit: 0 },
  }).single('photo');
  return function parsePhotoUpload(req, res, next) {
    if (!req.is('multipart/form-data')) return next();
    parse(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        res.locals.photoProblem = 'too_large';
        return next();
      }
      if (error) return next(new DomainError('validation_failed', `the upload is malformed${error instanceof multer.MulterError ? `: ${error.message}` : ''}`));
      next();
    });
  };
})();

function renderVerifyForm(req: Request, res: Response, context: Record<string, unknown>, status = 200): void {
  renderPage(req, res, 'verify', { title: t(res.locals.lang as Language, 'public.verify.title'), number: '', ...context }, status);
}

function numberError(lang: Language, number: string): string | null {
  if (number === '') return t(lang, 'public.error.required');
  const problem = numberProblem(number);
  if (!problem) return null;
  return t(lang, problem.code === 'bad_check_digit' ? 'public.error.checkDigit' : 'public.error.numberMalformed');
}

/** `?h=` as a QR code's fragment carries it: 64 hex digits; anything else is a link nobody made. */
function hashParameter(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  throw new DomainError('validation_failed', '/h must be the 64 hex digits of a certificate hash', { errors: [{ path: '/h', message: 'must be 64 hex digits', keyword: 'pattern', params: {} }] });
}

/**
 * Public verification for anyone, customs officers first: a number typed into a GET form, or a photo of the QR
 * code (decoded on the server, off the event loop). The result shows three separate results (integrity, issuer,
 * status) decided by the registry's one verdict logic, then the product, scope, term and PDFs.
 */
export function verificationPages(ctx: AppContext): Router {
  const router = Router();

  router.get('/verify', async function verifyCertificatePage(req, res) {
    const lang = res.locals.lang as Language;
    authorize((res.locals.actor as Actor | undefined) ?? null, 'certificate.verify');
    if (req.query.number === undefined) return renderVerifyForm(req, res, {});
    const number = typedCertificateNumber(req.query.number);
    const problem = numberError(lang, number);
    if (problem) return renderVerifyForm(req, res, { number, errors: { number: problem } }, 422);
    const hash = hashParameter(req.query.h);
    const request = hash ? { qr: certificateVerificationUrl(ctx.certificates.publicBaseUrl, number, hash) } : { number };
    const presentation = await presentCertificate(ctx, request, lang);
    if (!presentation) return renderVerifyForm(req, res, { number, errors: { number: t(lang, 'public.error.notFound') } }, 404);
    res.set('Cache-Control', 'no-store');
    renderPage(req, res, 'verify-result', { title: `${t(lang, 'public.verify.title')} ${number}`, presentation });
  });

  uploadPost(router, '/verify/photo', photoUpload, async function verifyQrPhoto(req, res) {
    const lang = res.locals.lang as Language;
    authorize((res.locals.actor as Actor | undefined) ?? null, 'certificate.verify');
    const fail = (key: string, extra: Record<string, unknown> = {}) => renderVerifyForm(req, res, { errors: { photo: t(lang, key) }, ...extra }, 422);
    if (res.locals.photoProblem) return fail(photoErrors.too_large);
    if (!req.file) return fail(photoErrors.missing);
    const reading = await readQrPhoto(req.file.buffer);
    if ('problem' in reading) return fail(photoErrors[reading.problem]);
    const foreign = foreignOrigin(reading.payload, ctx.certificates.publicBaseUrl);
    // A web address elsewhere is named (a look-alike site is worth reporting); any other text is simply not ours.
    if (foreign && /^https?:\/\//i.test(reading.payload.trim())) return fail('public.error.photoForeign', { foreignOrigin: foreign });
    const target = parseVerificationUrl(reading.payload);
    if (!target || foreign) return fail('public.error.photoNotRegistry');
    const number = encodeURIComponent(target.number);
    if (target.customsDocumentId) return res.redirect(303, `/v/${number}/customs/${encodeURIComponent(target.customsDocumentId)}${target.hash ? `#h=${target.hash}` : ''}`);
    res.redirect(303, `/verify?number=${number}${target.hash ? `&h=${target.hash}` : ''}`);
  }, { signedIn: false });

  return router;
}
