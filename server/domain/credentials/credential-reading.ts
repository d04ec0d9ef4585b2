import type { LanguageValue } from './credential.ts';

/** The product a certificate covers, as its signed credential states it. */
export interface CertifiedProductFacts {
  manufacturer: { name: string; address?: string; country?: string };
  brand: string | null;
  model: string;
  variants: string[];
  hardwareVersion: string | null;
  firmwareVersion: string | null;
  hsCode: string;
  countryOfOrigin: string | null;
}

/** One clause's result as the credential states it. */
export interface StatedAssessment {
  clause: string;
  name: LanguageValue[];
  outcome: 'passed' | 'failed' | 'inapplicable';
}

/** Everything the registry reads back from a signed credential, whatever version of the registry signed it. */
export interface CertificateStatement {
  number: string | null;
  jurisdiction: string | null;
  issuer: { id: string | null; name: string | null };
  holder: { id: string | null; name: string | null } | null;
  product: CertifiedProductFacts | null;
  standard: { code: string; version: string; contentHash: string | null; name: LanguageValue[] } | null;
  assessments: StatedAssessment[];
  /** Each attachment with its SHA-256 (hex). */
  evidence: Array<{ name: string; sha256: string }>;
  specHash: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: unknown): Json => (isObject(value) ? value : {});
const textOr = (value: unknown, fallback: string | null = null) => (typeof value === 'string' ? value : fallback);
const firstOf = (value: unknown): Json => objectAt(Array.isArray(value) ? value[0] : value);
const texts = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

function languageValuesOf(localized: unknown, plain: unknown): LanguageValue[] {
  if (Array.isArray(localized)) return localized.filter((value): value is LanguageValue => isObject(value) && typeof value['@value'] === 'string');
  return typeof plain === 'string' ? [{ '@value': plain, '@language': 'en' }] : [];
}

/** The overall assessment of a UNTP credential: the one naming the full product. */
function overallAssessment(subject: Json): Json {
  const assessments = Array.isArray(subject.conformityAssessment) ? subject.conformityAssessment.filter(isObject) : [];
  return assessments.find((assessment) => typeof assessment.clause !== 'string') ?? {};
}

function productFacts(product: Json, untp: boolean): CertifiedProductFacts | null {
  const model = textOr(untp ? product.modelNumber : product.model);
  const hsCode = textOr(untp ? firstOf(product.productCategory).code : product.hsCode);
  if (model === null || hsCode === null) return null;
  const maker = objectAt(product.manufacturer);
  const address = textOr(untp ? maker.postalAddress : maker.address);
  const country = textOr(untp ? maker.countryText : maker.country);
  return {
    manufacturer: { name: textOr(maker.name, textOr(product.manufacturer, ''))!, ...(address ? { address } : {}), ...(country ? { country } : {}) },
    brand: textOr(product.brand), model, variants: texts(product.variants),
    hardwareVersion: textOr(product.hardwareVersion), firmwareVersion: textOr(product.firmwareVersion), hsCode,
    countryOfOrigin: textOr(untp ? objectAt(product.countryOfProduction).countryCode : product.countryOfOrigin),
  };
}

/** The hex SHA-256 in a multibase (base64url) SHA-256 multihash, as credential.ts writes digestMultibase; '' otherwise. */
function sha256OfMultibase(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('u')) return '';
  const bytes = Buffer.from(value.slice(1), 'base64url');
  return bytes.length === 34 && bytes[0] === 0x12 && bytes[1] === 0x20 ? bytes.subarray(2).toString('hex') : '';
}

const outcomes = new Set(['passed', 'failed', 'inapplicable']);

/**
 * What a credential states, read from the UNTP Digital Conformity Credential the registry signs now, or from the
 * registry's earlier credential shape (certificates issued before it keep reading the same). Read only what a
 * verified signature covers: the caller checks integrity first.
 */
export function readCertificate(credential: unknown): CertificateStatement {
  const root = objectAt(credential);
  const subject = objectAt(root.credentialSubject);
  const issuer = objectAt(root.issuer);
  const untp = Array.isArray(subject.conformityAssessment);
  const overall = untp ? overallAssessment(subject) : {};
  const holder = untp ? objectAt(subject.issuedToParty) : objectAt(subject.holder ?? root.holder);
  const standardNode = untp ? firstOf(overall.referenceStandard) : objectAt(subject.standard);
  const code = textOr(untp ? standardNode.standardCode : standardNode.code);
  const version = textOr(untp ? standardNode.standardVersion : standardNode.version);
  const clauseItems = untp
    ? (subject.conformityAssessment as unknown[]).filter(isObject).filter((item) => typeof item.clause === 'string')
    : (Array.isArray(subject.assessments) ? subject.assessments.filter(isObject) : []);
  const evidence = untp ? (Array.isArray(overall.evidence) ? overall.evidence : []) : (Array.isArray(root.evidence) ? root.evidence : []);
  return {
    number: textOr(subject.certificateNumber),
    jurisdiction: textOr(subject.jurisdiction, textOr(issuer.jurisdiction)),
    issuer: { id: textOr(issuer.id), name: textOr(issuer.name) },
    holder: Object.keys(holder).length ? { id: textOr(holder.id), name: textOr(holder.name) } : null,
    product: untp ? productFacts(objectAt(firstOf(overall.assessedProduct).product), true) : isObject(subject.product) ? productFacts(subject.product, false) : null,
    standard: code !== null && version !== null
      ? { code, version, contentHash: textOr(standardNode.contentHash), name: languageValuesOf(standardNode.localizedName ?? standardNode.name, standardNode.name) } : null,
    assessments: clauseItems.map((item) => ({
      clause: String(item.clause),
      name: languageValuesOf(item.localizedName ?? (untp ? undefined : item.name), untp ? String(item.name ?? '').replace(`${String(item.clause)} `, '') : item.name),
      outcome: (outcomes.has(String(item.outcome)) ? item.outcome : 'failed') as StatedAssessment['outcome'],
    })),
    evidence: evidence.filter(isObject).map((item) => ({ name: textOr(untp ? item.linkName : item.name, '')!, sha256: untp ? sha256OfMultibase(item.digestMultibase) : textOr(item.sha256, '')! })),
    specHash: textOr(untp ? overall.specHash : subject.specHash),
  };
}

/** The issuer id a credential names, or null. */
export function issuerOf(credential: unknown): string | null {
  return readCertificate(credential).issuer.id;
}

/** The certificate number a credential claims, or null. */
export function certificateNumberOf(credential: unknown): string | null {
  return readCertificate(credential).number;
}
