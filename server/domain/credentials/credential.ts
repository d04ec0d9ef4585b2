import type { ClauseInfo } from '../conformance/types.ts';
import type { Jurisdiction, LocalizedText, OrganisationRecord, StandardRecord } from '../../store/port.ts';
import { authorityDid } from '../identities/did-web.ts';
import type { CertifiedProduct } from './product.ts';
import { measureOf } from './measures.ts';

/** The part of a conformance report a certificate cites (server/domain/conformance produces it). */
export interface CertifiableReport {
  conforms: boolean;
  standard: { code: string; version: string; hash: string };
  specHash: string;
  clauses: Array<{ clause: string; title: LocalizedText | null; status: 'pass' | 'fail' | 'not_applicable' }>;
}

/** An attachment cited as evidence: its id (for its download link), name and SHA-256 (hex). */
export interface EvidenceFile {
  id?: string;
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

/** A W3C Bitstring Status List entry (as UNTP DCC 0.7.0 types it: the index an integer). */
export interface BitstringStatusListEntry {
  type: 'BitstringStatusListEntry';
  id: string;
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: number;
  statusListCredential: string;
}

/** Where the registry publishes its JSON-LD extension context (the file beside this one, contexts/conformity-v1.jsonld). */
export const conformityContextPath = '/contexts/conformity/v1';

/** The credential's contexts: VC 2.0, UNTP 0.7.0, then the registry's extension for what UNTP has no term for. */
export function credentialContextOf(publicBaseUrl: string): string[] {
  return ['https://www.w3.org/ns/credentials/v2', 'https://vocabulary.uncefact.org/untp/0.7.0/context/', `${publicBaseUrl}${conformityContextPath}`];
}

/** The credential's id: the certificate's verification link, which answers `Accept: application/vc+jwt` with the credential. */
export function credentialIdOf(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl}/v/${number}`;
}

/** The public page of a standard version: the id of the standard and, with a clause fragment, of its criteria. */
export function standardIdOf(publicBaseUrl: string, standard: Pick<StandardRecord, 'code' | 'version'>): string {
  return `${publicBaseUrl}/standards/${encodeURIComponent(standard.code)}/${encodeURIComponent(standard.version)}`;
}

const certificateTitle: LocalizedText = { en: 'Certificate of conformity', ru: 'Сертификат соответствия', fa: 'گواهی انطباق' };
const schemeName = 'Joint IR–RU conformity assessment of telecommunication and ICT equipment';
const outcomes = { pass: 'passed', fail: 'failed', not_applicable: 'inapplicable' } as const;
const scores = { pass: 'pass', fail: 'fail', not_applicable: 'not-applicable' } as const;

/** What a credential is built from. */
export interface CredentialInput {
  number: string;
  jurisdiction: Jurisdiction;
  issuer: OrganisationRecord;
  /** The vendor organisation the certificate is issued to. */
  holder: OrganisationRecord;
  product: CertifiedProduct;
  standard: StandardRecord;
  /** The standard's clauses (units and locations), from its clause index. */
  clauses: readonly ClauseInfo[];
  /** The checked spec: measured values are read from it at the clauses' locations. */
  spec: unknown;
  report: CertifiableReport;
  evidence: EvidenceFile[];
  submission: { id: string; revision: number };
  status: { revocation: BitstringStatusListEntry; suspension: BitstringStatusListEntry };
  validFrom: string;
  validUntil: string;
  publicBaseUrl: string;
}

function withText(text: LocalizedText, suffix: string): LocalizedText {
  return { en: `${text.en}${suffix}`, ...(text.ru ? { ru: `${text.ru}${suffix}` } : {}), ...(text.fa ? { fa: `${text.fa}${suffix}` } : {}) };
}

/** The product as UNTP describes it, with what UNTP has no term for (manufacturer, brand, variants, versions) in the extension. */
function productNode(id: string, product: CertifiedProduct) {
  return {
    type: ['Product'], id, name: `${product.brand} ${product.model}`, modelNumber: product.model,
    productCategory: [{ code: product.hsCode, name: `HS ${product.hsCode}`, schemeId: 'https://www.wcoomd.org/en/topics/nomenclature/overview.aspx', schemeName: 'Harmonized System' }],
    countryOfProduction: { countryCode: product.countryOfOrigin },
    manufacturer: { name: product.manufacturer.name, ...(product.manufacturer.address ? { postalAddress: product.manufacturer.address } : {}), ...(product.manufacturer.country ? { countryText: product.manufacturer.country } : {}) },
    brand: product.brand, variants: product.variants, hardwareVersion: product.hardwareVersion, firmwareVersion: product.firmwareVersion,
  };
}

/** Multibase (base64url, 'u') of a SHA-256 multihash (0x12 0x20 ‖ digest): how VC Data Integrity states a resource digest. */
export function sha256Multibase(hex: string): string {
  return `u${Buffer.concat([Buffer.from([0x12, 0x20]), Buffer.from(hex, 'hex')]).toString('base64url')}`;
}

/** The conformity topic of a clause: the top-level clause of the standard it belongs to (or the standard itself). */
function topicOf(standardId: string, standard: StandardRecord, clause: string, byId: ReadonlyMap<string, ClauseInfo>) {
  const top = clause.split('.')[0]!;
  const info = byId.get(top);
  return info?.title ? { type: ['ConformityTopic'], id: `${standardId}#clause-${encodeURIComponent(top)}`, name: `${top} ${info.title.en}` }
    : { type: ['ConformityTopic'], id: standardId, name: standard.title.en };
}

/**
 * The certificate as a W3C Verifiable Credential 2.0 that is a UN/CEFACT UNTP 0.7.0 Digital Conformity
 * Credential: the authority (its did:web DID) as issuer; as subject one conformity attestation issued to the
 * vendor, under the joint IR–RU scheme, made of one overall assessment (the full product, the standard pinned by
 * its content hash, the submission's evidence with digests) and one assessment per clause (criterion, topic,
 * pass/fail score, the measured value and unit where the clause has one; the product and standard are the
 * overall assessment's, not repeated per clause, to keep the credential small). What UNTP has no term for is in the
 * registry's extension context. Pure: equal inputs give equal credentials. Holds no personal data.
 */
export function buildCredential(input: CredentialInput) {
  const { number, standard, report, publicBaseUrl: base } = input;
  const id = credentialIdOf(base, number);
  const standardId = standardIdOf(base, standard);
  const productId = `${id}#product`;
  const productName = `${input.product.brand} ${input.product.model}`;
  const assessmentDate = input.validFrom.slice(0, 10);
  const byId = new Map(input.clauses.map((info) => [info.clause, info]));
  const referenceStandard = [{ type: ['Standard'], id: standardId, name: standard.title.en, localizedName: languageValues(standard.title), standardCode: standard.code, standardVersion: standard.version, contentHash: standard.contentHash, ...(standard.schemaId ? { schemaId: standard.schemaId } : {}) }];
  const title = `${certificateTitle.en} ${number}`;
  const overall = {
    type: ['ConformityAssessment'], id: `${id}#assessment`, name: `${productName}: ${standard.code} ${standard.version}`,
    assessmentCriteria: [{ type: ['Criterion'], id: standardId, name: standard.title.en }],
    assessmentDate,
    assessedPerformance: [{ score: { code: report.conforms ? 'pass' : 'fail' } }],
    assessedProduct: [{ product: productNode(productId, input.product), idVerifiedByCAB: false }],
    referenceStandard,
    conformityTopic: [{ type: ['ConformityTopic'], id: standardId, name: standard.title.en }],
    conformance: report.conforms,
    ...(input.evidence.length ? {
      // The files stay private to the vendor and the regulators (the link asks for sign-in); the digest lets anyone given a copy check it.
      evidence: input.evidence.map((file) => ({
        linkURL: `${base}/api/v1/submissions/${input.submission.id}/attachments/${file.id ?? encodeURIComponent(file.name)}`, linkName: file.name, digestMultibase: sha256Multibase(file.sha256),
      })),
    } : {}),
    specHash: report.specHash,
    submission: { submissionId: input.submission.id, revision: input.submission.revision },
  };
  const perClause = report.clauses.map((result) => {
    const info = byId.get(result.clause);
    const name = result.title ?? info?.title ?? { en: result.clause };
    const criterionId = `${standardId}#clause-${encodeURIComponent(result.clause)}`;
    const measure = info ? measureOf(input.spec, info) : null;
    return {
      type: ['ConformityAssessment'], id: `${id}#clause-${encodeURIComponent(result.clause)}`, name: `${result.clause} ${name.en}`, localizedName: languageValues(name),
      clause: result.clause, outcome: outcomes[result.status],
      assessmentCriteria: [{ type: ['Criterion'], id: criterionId, name: name.en }],
      assessmentDate,
      assessedPerformance: [
        { score: { code: scores[result.status] } },
        ...(measure?.unitCode ? [{ metric: { type: ['PerformanceMetric'], id: `${criterionId}-measure`, name: name.en }, measure: { value: measure.value, unit: measure.unitCode } }] : []),
      ],
      ...(measure ? { measuredValue: { measuredNumber: measure.value, unitText: measure.unit } } : {}),
      conformityTopic: [topicOf(standardId, standard, result.clause, byId)],
      ...(result.status === 'not_applicable' ? {} : { conformance: result.status === 'pass' }),
    };
  });
  return {
    '@context': credentialContextOf(base),
    type: ['DigitalConformityCredential', 'VerifiableCredential'],
    id,
    name: title,
    localizedName: languageValues(withText(certificateTitle, ` ${number}`)),
    issuer: { type: ['CredentialIssuer'], id: authorityDid(base, input.issuer.id), name: input.issuer.name },
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    credentialStatus: input.status.revocation,
    suspensionStatus: input.status.suspension,
    credentialSubject: {
      type: ['ConformityAttestation'],
      id: `${id}#attestation`,
      name: `${title}: ${standard.code} ${standard.version}`,
      certificateNumber: number,
      jurisdiction: input.jurisdiction,
      assessorLevel: '3rdParty',
      assessmentLevel: 'authority-mandate',
      attestationType: 'certification',
      issuedToParty: { type: ['Party'], id: `urn:uuid:${input.holder.id}`, name: input.holder.name },
      referenceScheme: { type: ['ConformityScheme'], id: `${base}/standards`, name: schemeName },
      conformityCertificate: { linkURL: `${base}/api/v1/certificates/${number}.pdf`, linkName: title, mediaType: 'application/pdf' },
      conformityAssessment: [overall, ...perClause],
    },
  };
}

/** A certificate credential as signed. */
export type Credential = ReturnType<typeof buildCredential>;
