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

/** The holder's name when the credential names one (credentials signed before holders were recorded do not). */
function holderOf(credential: CertificateView['credential']): string {
  type Holder = { name?: unknown } | string | undefined;
  const holder = (credential.credentialSubject as { holder?: Holder }).holder ?? (credential as { holder?: Holder }).holder;
  const name = typeof holder === 'string' ? holder : holder?.name;
  return typeof name === 'string' ? name : '';
}

/** What views/documents/certificate.hbs renders: every text already in the chosen language. */
export function certificateViewModel(view: CertificateView, lang: DocumentLanguage, qr: string, issuerName: string) {
  const l = labelsIn(lang);
  const { credential, certificate } = view;
  const subject = credential.credentialSubject;
  const product = subject.product;
  return {
    lang, dir: lang === 'fa' ? 'rtl' : 'ltr', l,
    subtitles: otherLanguages('certificate', lang), statement: trilingual('statement'), scheme: l.scheme,
    number: certificate.number, status: view.status, statusText: l[view.status], notValid: view.status === 'valid' ? '' : l.notValid,
    holder: holderOf(credential), issuer: issuerName, jurisdiction: l[certificate.jurisdiction],
    validFrom: isoDate(credential.validFrom), validUntil: isoDate(credential.validUntil),
    product: {
      manufacturer: [product.manufacturer.name, product.manufacturer.country].filter(Boolean).join(', '),
      brand: product.brand, model: product.model, variants: product.variants, hardwareVersion: product.hardwareVersion,
      firmwareVersion: product.firmwareVersion, hsCode: product.hsCode, countryOfOrigin: product.countryOfOrigin,
    },
    standard: { code: subject.standard.code, version: subject.standard.version, title: pickLanguage(subject.standard.name, lang), contentHash: subject.standard.contentHash },
    assessments: subject.assessments.map((assessment) => ({
      clause: assessment.clause, title: pickLanguage(assessment.name, lang), outcome: assessment.outcome, mark: marks[assessment.outcome], outcomeText: l[assessment.outcome],
    })),
    evidence: credential.evidence,
    credentialHash: certificate.credentialHash, specHash: subject.specHash, kid: certificate.kid,
    verificationUrl: view.verificationUrl, qr,
  };
}
