import { recognitionOf } from '../../../domain/customs/customs-scope.ts';
import type { LanguageValue } from '../../../domain/credentials/credential.ts';
import { describeCertificate, type CertificateView } from '../../../domain/certificates/lookup.ts';
import { verifyCertificate, type Verification, type VerifyRequest } from '../../../domain/verification/verification.ts';
import type { Jurisdiction } from '../../../store/port.ts';
import type { AppContext } from '../../context.ts';
import { languageNames, languages, type Language } from '../i18n/languages.ts';

/** How a result is drawn: ok (green, a tick) only when the whole verdict is valid; plain is neutral, with no tick. */
type Tone = 'ok' | 'bad' | 'warn' | 'plain';

const marks: Record<Tone, string> = { ok: '✓', bad: '✗', warn: '?', plain: '•' };

/** One of the three results: its tone and mark, and the message key of what it says. */
export interface ResultPanel {
  tone: Tone;
  mark: string;
  textKey: string;
}

/** What the verification and certificate pages show: the verdict, three results and what the signed certificate states. */
export interface CertificatePresentation {
  number: string;
  verification: Verification;
  view: CertificateView;
  headline: { tone: 'ok' | 'bad' | 'warn'; mark: string; key: string; adviceKey: string | null };
  integrity: ResultPanel;
  issuer: ResultPanel & { name: string | null; jurisdiction: string | null };
  status: ResultPanel & { labelKey: string; changedAt: string | null; reason: string | null; endedOn: string | null };
  facts: Verification['certificate'];
  acceptedIn: Jurisdiction[];
  assessments: Array<{ clause: string; title: string; outcome: string }>;
  history: Array<{ action: string; at: string; reason: string | null }>;
  pdfs: Array<{ lang: Language; name: string; href: string }>;
}

function headlineOf(verification: Verification): CertificatePresentation['headline'] {
  const { verdict, status } = verification;
  if (verdict === 'valid') return { tone: 'ok', mark: marks.ok, key: 'public.verdict.valid', adviceKey: null };
  if (verdict === 'unknown') return { tone: 'warn', mark: marks.warn, key: 'public.verdict.unknown', adviceKey: 'public.verdict.unknownAdvice' };
  const named = status === 'revoked' || status === 'suspended' || status === 'expired' ? status : verdict === 'foreign' ? 'foreign' : 'invalid';
  return { tone: 'bad', mark: marks.bad, key: `public.verdict.${named}`, adviceKey: 'public.verdict.doNotAccept' };
}

/** A passing result is green only when everything passed: on a revoked or doubtful certificate nothing shows a tick. */
function panel(result: 'pass' | 'fail' | 'unknown', allPassed: boolean, texts: Record<'pass' | 'fail' | 'unknown', string>): ResultPanel {
  const tone: Tone = result === 'fail' ? 'bad' : result === 'unknown' ? 'warn' : allPassed ? 'ok' : 'plain';
  return { tone, mark: marks[tone], textKey: texts[result] };
}

function integrityResult({ integrity, log }: Verification): 'pass' | 'fail' | 'unknown' {
  if (integrity === 'invalid' || log === 'not_included') return 'fail';
  return integrity === 'valid' && log === 'included' ? 'pass' : 'unknown';
}

function statusPanel(verification: Verification, view: CertificateView, allPassed: boolean): CertificatePresentation['status'] {
  const status = verification.status;
  const result = status === 'valid' ? 'pass' : status === 'unknown' ? 'unknown' : 'fail';
  const change = status === 'suspended' || status === 'revoked' ? view.events.filter((event) => event.status === status && event.action !== 'issued').at(-1) : undefined;
  return {
    ...panel(result, allPassed, { pass: 'public.status.inForce', fail: `public.status.${status}`, unknown: 'public.status.notEstablished' }),
    labelKey: `public.status.${status}`,
    changedAt: change?.at ?? null,
    reason: change?.reason ?? null,
    endedOn: status === 'expired' ? view.certificate.validUntil : null,
  };
}

/** The text in `lang` from VC language values, English otherwise. */
function pick(values: LanguageValue[] | undefined, lang: Language): string {
  return (values?.find((value) => value['@language'] === lang) ?? values?.find((value) => value['@language'] === 'en'))?.['@value'] ?? '';
}

/** The issuing jurisdiction and those that recognise it under the cited standard version (README: mutual recognition). */
async function acceptedIn({ store }: AppContext, view: CertificateView): Promise<Jurisdiction[]> {
  const issuing = view.certificate.jurisdiction;
  const standard = view.statement.standard;
  const record = standard ? await store.standards.get(standard.code, standard.version) : null;
  const recognised = record && record.contentHash === standard?.contentHash ? recognitionOf(record.schema) : [];
  return recognised.includes(issuing) ? [issuing, ...recognised.filter((j) => j !== issuing)] : [issuing];
}

/**
 * Verifies a certificate (by number, or by the QR payload when one was read) with the registry's one verdict
 * logic (verifyCertificate → decideVerdict), and shapes the answer for a page. Null when the number names no
 * certificate here (the caller says so next to the field). What the certificate states is shown only when its
 * integrity holds.
 */
export async function presentCertificate(ctx: AppContext, request: VerifyRequest, lang: Language): Promise<CertificatePresentation | null> {
  const verification = await verifyCertificate(ctx.certificates, request);
  if (!verification.number || verification.reasons.some((reason) => reason.code === 'not_found' || reason.code === 'malformed_number' || reason.code === 'bad_check_digit')) return null;
  const view = await describeCertificate(ctx.certificates, verification.number);
  const allPassed = verification.verdict === 'valid';
  const trusted = verification.integrity === 'valid';
  const issuer = verification.certificate?.issuer;
  return {
    number: verification.number, verification, view,
    headline: headlineOf(verification),
    integrity: panel(integrityResult(verification), allPassed, { pass: 'public.integrity.ok', fail: 'public.integrity.bad', unknown: 'public.integrity.unknown' }),
    issuer: {
      ...panel(verification.issuer === 'recognised' ? 'pass' : verification.issuer === 'not_recognised' ? 'fail' : 'unknown', allPassed,
        { pass: 'public.issuer.ok', fail: 'public.issuer.bad', unknown: 'public.issuer.unknown' }),
      name: issuer?.name ?? null, jurisdiction: issuer?.jurisdiction ?? null,
    },
    status: statusPanel(verification, view, allPassed),
    facts: verification.certificate,
    acceptedIn: trusted ? await acceptedIn(ctx, view) : [],
    assessments: trusted
      ? view.statement.assessments.map((item) => ({ clause: item.clause, title: pick(item.name, lang), outcome: item.outcome }))
      : [],
    history: view.events.map((event) => ({ action: event.action, at: event.at, reason: event.reason })),
    pdfs: languages.map((pdfLang) => ({ lang: pdfLang, name: languageNames[pdfLang], href: `/api/v1/certificates/${encodeURIComponent(verification.number!)}.pdf?lang=${pdfLang}` })),
  };
}
