import type { ProductIdentity } from '../submissions/product-identity.ts';

/**
 * The product a certificate covers (standard clause C.1: manufacturer, brand, model, variants, versions, HS
 * code, origin): always the spec's identification as the engine checked it, never a separately declared
 * block (see certifiableProduct in server/domain/submissions/certifiable.ts).
 */
export type CertifiedProduct = ProductIdentity;
