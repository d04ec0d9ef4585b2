import { effectiveStatus, recordedStatus } from '../../../domain/certificates/status.ts';
import type { CertificateRecord, Store } from '../../../store/port.ts';
import { languages, languageNames } from '../i18n/languages.ts';

/**
 * A certificate as the vendor pages list it: number, jurisdiction, validity, its status now (revoked, suspended,
 * expired or valid) and the PDF in each language (the public PDF route of the API: certificates are public).
 */
export async function certificateRow(store: Store, certificate: CertificateRecord, now: Date) {
  const status = effectiveStatus(certificate, recordedStatus(await store.certificates.events(certificate.number)), now);
  const number = encodeURIComponent(certificate.number);
  return {
    number: certificate.number, jurisdiction: certificate.jurisdiction, model: certificate.model, hsCode: certificate.hsCode,
    submissionId: certificate.submissionId, revision: certificate.revision,
    validFrom: certificate.validFrom, validUntil: certificate.validUntil, issuedAt: certificate.issuedAt,
    status, valid: status === 'valid',
    page: `/certificates/${number}`,
    pdfs: languages.map((lang) => ({ lang, name: languageNames[lang], href: `/api/v1/certificates/${number}.pdf?lang=${lang}` })),
  };
}
