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

/** What an officer compares goods and papers with, in one answer. */
export interface CertificateFacts {
  product: CertifiedProductFacts;
  validFrom: string | null;
  validUntil: string | null;
  issuer: { id: string | null; name: string | null; jurisdiction: string | null };
  /** The vendor organisation, when the credential names it. */
  holder: { id: string | null; name: string | null } | null;
  standard: { code: string; version: string } | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOr = (value: unknown, fallback: string | null = null) => (typeof value === 'string' ? value : fallback);

function manufacturerOf(value: unknown): CertifiedProductFacts['manufacturer'] {
  if (!isObject(value)) return { name: textOr(value, '')! };
  const { name, address, country } = value;
  return { name: textOr(name, '')!, ...(typeof address === 'string' ? { address } : {}), ...(typeof country === 'string' ? { country } : {}) };
}

function productOf(product: Json): CertifiedProductFacts | null {
  const model = textOr(product.model);
  const hsCode = textOr(product.hsCode);
  if (model === null || hsCode === null) return null;
  const variants = Array.isArray(product.variants) ? product.variants.filter((v): v is string => typeof v === 'string') : [];
  return {
    manufacturer: manufacturerOf(product.manufacturer), brand: textOr(product.brand), model, variants,
    hardwareVersion: textOr(product.hardwareVersion), firmwareVersion: textOr(product.firmwareVersion), hsCode, countryOfOrigin: textOr(product.countryOfOrigin),
  };
}

/**
 * The product identity, validity, issuer, holder and standard a signed credential states; null when it has no
 * readable product. Call it only once integrity is valid: unsigned claims are never shown as facts.
 */
export function certificateFactsOf(credential: unknown): CertificateFacts | null {
  if (!isObject(credential) || !isObject(credential.credentialSubject)) return null;
  const subject = credential.credentialSubject;
  const product = isObject(subject.product) ? productOf(subject.product) : null;
  if (!product) return null;
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const holder = isObject(subject.holder) ? subject.holder : isObject(credential.holder) ? credential.holder : null;
  const standard = isObject(subject.standard) && typeof subject.standard.code === 'string' && typeof subject.standard.version === 'string'
    ? { code: subject.standard.code, version: subject.standard.version } : null;
  return {
    product, validFrom: textOr(credential.validFrom), validUntil: textOr(credential.validUntil),
    issuer: { id: textOr(issuer.id), name: textOr(issuer.name), jurisdiction: textOr(issuer.jurisdiction) },
    holder: holder ? { id: textOr(holder.id), name: textOr(holder.name) } : null,
    standard,
  };
}
