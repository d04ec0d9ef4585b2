import type { ProductInfo } from '../../store/port.ts';
import { DomainError } from '../errors.ts';

/** The product a certificate covers (standard clause C.1: manufacturer, brand, model, variants, versions, HS code, origin). */
export interface CertifiedProduct {
  manufacturer: { name: string; address?: string; country?: string };
  brand: string;
  model: string;
  variants: string[];
  hardwareVersion: string;
  firmwareVersion: string;
  hsCode: string;
  countryOfOrigin: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Where a spec keeps the product identification: `identification` (IRRU standards), `product`, or the spec itself. */
function identificationOf(spec: unknown): Json {
  if (!isObject(spec)) return {};
  for (const key of ['identification', 'product']) {
    const candidate = spec[key];
    if (isObject(candidate)) return candidate;
  }
  return spec;
}

/**
 * The certified product: the revision's declared product, completed from the spec's identification
 * (manufacturer address and country live only there). Throws DomainError('not_conforming') without a
 * model or HS code: a certificate without them could not be checked at a border.
 */
export function certifiedProduct(declared: Partial<ProductInfo> | null, spec: unknown): CertifiedProduct {
  const id = identificationOf(spec);
  const specManufacturer = isObject(id.manufacturer) ? id.manufacturer : { name: text(id.manufacturer) };
  const pick = (key: keyof ProductInfo) => text(declared?.[key]) || text(id[key]);
  const variants = declared?.variants ?? (Array.isArray(id.variants) ? id.variants.filter((v): v is string => typeof v === 'string') : []);
  const product: CertifiedProduct = {
    manufacturer: {
      name: text(declared?.manufacturer) || text(specManufacturer.name),
      ...(typeof specManufacturer.address === 'string' ? { address: specManufacturer.address } : {}),
      ...(typeof specManufacturer.country === 'string' ? { country: specManufacturer.country } : {}),
    },
    brand: pick('brand'),
    model: pick('model'),
    variants: [...variants],
    hardwareVersion: pick('hardwareVersion'),
    firmwareVersion: pick('firmwareVersion'),
    hsCode: pick('hsCode') || text(isObject(spec) ? spec.hsCode : ''),
    countryOfOrigin: pick('countryOfOrigin'),
  };
  if (!product.model || !product.hsCode) throw new DomainError('not_conforming', 'the submission does not identify the product model and HS code');
  return product;
}
