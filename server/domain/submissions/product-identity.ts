import type { Jurisdiction, ProductInfo } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

/**
 * What a certificate says about the product, and where it comes from: the spec's `identification`
 * object, which the standard checks under its identification clause (`properties.identification` with an
 * `x-clause`, as every IRRU standard does through IRRU-COMMON C.1). Nothing else a vendor sends is certified.
 */
export interface ProductIdentity {
  manufacturer: { name: string; address?: string; country?: string };
  brand: string;
  model: string;
  variants: string[];
  hardwareVersion: string;
  firmwareVersion: string;
  hsCode: string;
  countryOfOrigin: string;
}

/** One disagreement between what was sent and what the spec says, as problem+json `errors` list it. */
export interface IdentityFailure {
  path: string;
  message: string;
  keyword: string;
  params: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The spec's identification object, or an empty one. */
function identificationOf(spec: unknown): Json {
  return isObject(spec) && isObject(spec.identification) ? spec.identification : {};
}

/** The product identity the spec declares (empty strings where it declares nothing). Pure; never throws. */
export function productOfSpec(spec: unknown): ProductIdentity {
  const id = identificationOf(spec);
  const maker = isObject(id.manufacturer) ? id.manufacturer : { name: id.manufacturer };
  return {
    manufacturer: {
      name: text(maker.name),
      ...(typeof maker.address === 'string' ? { address: maker.address } : {}),
      ...(typeof maker.country === 'string' ? { country: maker.country } : {}),
    },
    brand: text(id.brand),
    model: text(id.model),
    variants: Array.isArray(id.variants) ? id.variants.filter((v): v is string => typeof v === 'string') : [],
    hardwareVersion: text(id.hardwareVersion),
    firmwareVersion: text(id.firmwareVersion),
    hsCode: text(id.hsCode),
    countryOfOrigin: text(id.countryOfOrigin),
  };
}

/** The identity in the flat shape a submission revision stores (and lists by manufacturer and model). */
export function storedProductOf(identity: ProductIdentity): ProductInfo {
  return {
    manufacturer: identity.manufacturer.name, model: identity.model, hsCode: identity.hsCode, countryOfOrigin: identity.countryOfOrigin,
    ...(identity.brand ? { brand: identity.brand } : {}),
    ...(identity.variants.length ? { variants: [...identity.variants] } : {}),
    ...(identity.hardwareVersion ? { hardwareVersion: identity.hardwareVersion } : {}),
    ...(identity.firmwareVersion ? { firmwareVersion: identity.firmwareVersion } : {}),
  };
}

const comparedFields = ['manufacturer', 'brand', 'model', 'variants', 'hardwareVersion', 'firmwareVersion', 'hsCode', 'countryOfOrigin'] as const;

/**
 * Each field of a declared product block that differs from the spec's identification. A declared field the
 * spec does not state differs too: the certificate could not show it as checked.
 */
export function productMismatches(declared: Partial<ProductInfo> | undefined, identity: ProductIdentity): IdentityFailure[] {
  if (!declared) return [];
  const fromSpec = storedProductOf(identity) as unknown as Json;
  const failures: IdentityFailure[] = [];
  for (const field of comparedFields) {
    const given = declared[field];
    if (given === undefined) continue;
    const specValue = fromSpec[field] ?? (field === 'variants' ? [] : '');
    if (JSON.stringify(given) === JSON.stringify(specValue)) continue;
    failures.push({
      path: `/product/${field}`, keyword: 'product_matches_spec', params: { product: given, spec: specValue },
      message: `differs from the spec's identification.${field === 'manufacturer' ? 'manufacturer.name' : field} (${JSON.stringify(specValue)}); the certificate states only what the spec declares`,
    });
  }
  return failures;
}

/** The markets the spec declares in `targetMarkets` (none when it declares none). */
export function declaredMarkets(spec: unknown): string[] {
  const markets = isObject(spec) ? spec.targetMarkets : undefined;
  return Array.isArray(markets) ? markets.filter((m): m is string => typeof m === 'string') : [];
}

/** Each target jurisdiction the spec's `targetMarkets` does not declare. */
export function marketMismatches(jurisdictions: readonly Jurisdiction[], spec: unknown): IdentityFailure[] {
  const markets = declaredMarkets(spec);
  return jurisdictions.flatMap((jurisdiction, i) => (markets.includes(jurisdiction) ? [] : [{
    path: `/jurisdictions/${i}`, keyword: 'market_declared', params: { jurisdiction, targetMarkets: markets },
    message: `${jurisdiction} is not among the spec's targetMarkets (${markets.join(', ') || 'none'}); the checks for that market did not run`,
  }]));
}

/** Throws DomainError('inconsistent_submission') listing every failure, when there are any. */
export function assertConsistent(failures: IdentityFailure[]): void {
  if (failures.length === 0) return;
  const fields = failures.map((failure) => failure.path).join(', ');
  throw new DomainError('inconsistent_submission', `the submission contradicts its spec at ${fields}`, { errors: failures });
}
