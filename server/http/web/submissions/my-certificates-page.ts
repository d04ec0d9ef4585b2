import { Router } from 'express';
import type { Actor } from '../../../domain/accounts/actor.ts';
import { authorize } from '../../../domain/policies/index.ts';
import { listSubmissions } from '../../../domain/submissions/queries.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/translate.ts';
import { renderPage } from '../page.ts';
import { requireSignedIn } from '../session.ts';
import { certificateRow } from './certificate-rows.ts';

/** The submissions read to find a vendor's certificates (newest first); beyond, the page says the list is cut. */
const maxSubmissionsRead = 2000;

/**
 * The certificates issued for the vendor organisation's submissions, newest first, each with its status now and
 * its PDF in English, Russian and Persian. Submissions are read through the same policy-scoped list as the
 * dashboard, so a vendor sees only their own organisation's.
 */
export function myCertificatesPage({ store, certificates: certificateContext }: AppContext): Router {
  const router = Router();
  router.get('/my-certificates', requireSignedIn, async function myCertificates(req, res) {
    const lang = res.locals.lang as Language;
    const actor = res.locals.actor as Actor;
    authorize(actor, 'submission.certificates');
    const submissionIds: string[] = [];
    let after: number | undefined;
    do {
      const page = await listSubmissions(store, actor, { after, limit: 100 });
      submissionIds.push(...page.items.map((submission) => submission.id));
      after = page.next ?? undefined;
    } while (after !== undefined && submissionIds.length < maxSubmissionsRead);
    const now = certificateContext.now();
    const issued = (await Promise.all(submissionIds.map((id) => store.certificates.listBySubmission(id)))).flat();
    issued.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    renderPage(req, res, 'my-certificates', {
      title: t(lang, 'common.myCertificates'),
      certificates: await Promise.all(issued.map((certificate) => certificateRow(store, certificate, now))),
      cut: after !== undefined,
    });
  });
  return router;
}
