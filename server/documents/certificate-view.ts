import type { CertificateView } from '../domain/certificates/lookup.ts';
import type { LanguageValue } from '../domain/credentials/credential.ts';
import { labelsIn, otherLanguages, trilingual, type DocumentLanguage } from './labels.ts';

/** The text in `lang` from VC language values, English otherwise. */
export function pickLanguage(values: LanguageValue[] | undefined, lang: DocumentLanguage): string {
  if (!values) return '';
  return (values.find((value) => value['@language'] === lang) ?? values.find((value) => value['@language'] === 'en'))?.['@value'] ?? '';
}

/** YYYY-MM-DD of an ISO timestamp: unambiguous in all three languages. */
export function isoDate(timestamp: string): string {
  return timestamp.slice(0, 10);
}

const marks = { passed: '✓', failed: '✗', inapplicable: '–' } as const;

/** What views/documents/certificate.hbs renders: every text already in the chosen language. */
export function certificateViewModel(view: CertificateView, lang: DocumentLanguage, qr: string, issuerName: string) {
  const l = labelsIn(lang);
  const { credential, certificate, statement } = view;
  const product = statement.product;
  const standard = statement.standard;
  return {
    lang, dir: lang === 'fa' ? 'rtl' : 'ltr', l,
    subtitles: otherLanguages('certificate', lang), statement: trilingual('statement'), scheme: l.scheme,
    number: certificate.number, status: view.status, statusText: l[view.status], notValid: view.status === 'valid' ? '' : l.notValid,
    holder: statement.holder?.name ?? '', issuer: issuerName, jurisdiction: l[certificate.jurisdiction],
    validFrom: isoDate(credential.validFrom), validUntil: isoDate(credential.validUntil),
    product: product ? {
      manufacturer: [product.manufacturer.name, product.manufacturer.country].filter(Boolean).join(', '),
      brand: product.brand, model: product.model, variants: product.variants, hardwareVersion: product.hardwareVersion,
      firmwareVersion: product.firmwareVersion, hsCode: product.hsCode, countryOfOrigin: product.countryOfOrigin,
    } : null,
    standard: standard ? { code: standard.code, version: standard.version, title: pickLanguage(standard.name, lang), contentHash: standard.contentHash } : null,
    assessments: statement.assessments.map((assessment) => ({
      clause: assessment.clause, title: pickLanguage(assessment.name, lang), outcome: assessment.outcome, mark: marks[assessment.outcome], outcomeText: l[assessment.outcome],
    })),
    evidence: statement.evidence,
    credentialHash: certificate.credentialHash, specHash: statement.specHash, kid: certificate.kid,
    verificationUrl: view.verificationUrl, qr,
  };
}
