import type { Jurisdiction, LocalizedText, OrganisationRecord, StandardRecord } from '../../store/port.ts';
import { issuerIdOf } from './signing-keys.ts';
import type { CertifiedProduct } from './product.ts';

/** The part of a conformance report a certificate cites (server/domain/conformance produces it). */
export interface CertifiableReport {
  conforms: boolean;
  standard: { code: string; version: string; hash: string };
  specHash: string;
  clauses: Array<{ clause: string; title: LocalizedText | null; status: 'pass' | 'fail' | 'not_applicable' }>;
}

/** An attachment cited as evidence: its name and SHA-256 (hex). */
export interface EvidenceFile {
  name: string;
  sha256: string;
}

/** A JSON-LD language value (VC 2.0 §11.1); Persian carries its direction. */
export type LanguageValue = { '@value': string; '@language': string; '@direction'?: 'rtl' };

/** English, Russian and Persian as VC 2.0 language values (missing translations are left out). */
export function languageValues(text: LocalizedText): LanguageValue[] {
  const values: LanguageValue[] = [{ '@value': text.en, '@language': 'en' }];
  if (text.ru) values.push({ '@value': text.ru, '@language': 'ru' });
  if (text.fa) values.push({ '@value': text.fa, '@language': 'fa', '@direction': 'rtl' });
  return values;
}

export const credentialContext = ['https://www.w3.org/ns/credentials/v2', 'https://test.uncefact.org/vocabulary/untp/dcc/0.5.0/'];
const certificateTitle: LocalizedText = { en: 'Certificate of conformity', ru: 'Сертификат соответствия', fa: 'گواهی انطباق' };
const outcomes = { pass: 'passed', fail: 'failed', not_applicable: 'inapplicable' } as const;

/** What a credential is built from. */
export interface CredentialInput {
  number: string;
  jurisdiction: Jurisdiction;
  issuer: OrganisationRecord;
  /** The vendor organisation the certificate is issued to. */
  holder: OrganisationRecord;
  product: CertifiedProduct;
  standard: StandardRecord;
  report: CertifiableReport;
  evidence: EvidenceFile[];
  submission: { id: string; revision: number };
  validFrom: string;
  validUntil: string;
  publicBaseUrl: string;
}

/** The credential id of a certificate number. */
export function credentialIdOf(number: string): string {
  return `urn:irru:certificate:${number}`;
}

/**
 * The certificate as a W3C Verifiable Credential 2.0 shaped after the UN/CEFACT UNTP Digital Conformity
 * Credential: the authority as issuer (by its full name), and as subject one conformity attestation with the
 * holder (the vendor organisation, by its full name), the product, the
 * standard (pinned by its $id and content hash), one assessment per clause, and the spec hash. Pure: equal
 * inputs give equal credentials. Holds no personal data.
 */
export function buildCredential(input: CredentialInput) {
  const { number, standard, report } = input;
  return {
    '@context': credentialContext,
    type: ['VerifiableCredential', 'DigitalConformityCredential'],
    id: credentialIdOf(number),
    name: languageValues(certificateTitle),
    issuer: { type: ['CredentialIssuer'], id: issuerIdOf(input.issuer.id), name: input.issuer.name, jurisdiction: input.jurisdiction },
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    credentialStatus: { id: `${input.publicBaseUrl}/api/v1/certificates/${number}`, type: 'IrruTransparencyLogStatus' },
    credentialSubject: {
      type: ['ConformityAttestation'],
      id: `${credentialIdOf(number)}#attestation`,
      certificateNumber: number,
      assessmentLevel: 'governmentApproval',
      attestationType: 'certification',
      jurisdiction: input.jurisdiction,
      holder: { type: ['Party'], id: issuerIdOf(input.holder.id), name: input.holder.name },
      product: { type: ['Product'], ...input.product },
      standard: {
        type: ['Standard'], code: standard.code, version: standard.version, id: standard.schemaId, contentHash: standard.contentHash,
        name: languageValues(standard.title),
      },
      assessments: report.clauses.map((clause) => ({
        type: ['ConformityAssessment'], clause: clause.clause, name: languageValues(clause.title ?? { en: clause.clause }), outcome: outcomes[clause.status],
      })),
      specHash: report.specHash,
      submission: input.submission,
    },
    evidence: input.evidence.map((file) => ({ type: ['Evidence'], name: file.name, sha256: file.sha256 })),
  };
}

/** A certificate credential as signed. */
export type Credential = ReturnType<typeof buildCredential>;
