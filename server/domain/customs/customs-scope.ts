import type { Jurisdiction } from '../../store/port.ts';
import { hsCodesAgree, sameIdentifier, type ScopeCheck, type ScopeResult } from './scope.ts';
import type { EffectiveStatus } from '../certificates/status.ts';

/** Why a certificate is valid for import into a jurisdiction. */
export type ImportBasis = 'issued_by_importing_jurisdiction' | 'mutual_recognition';

/** What the certificate says, as far as customs scope is concerned. */
export interface CertifiedScope {
  issuingJurisdiction: Jurisdiction;
  /** The jurisdictions the cited standard version declares in `x-mutual-recognition` (empty when none). */
  recognisedBy: readonly Jurisdiction[];
  product: { model: string; variants: string[]; hsCode: string };
  status: EffectiveStatus;
}

/** What a customs officer declares about a shipment (the officer's jurisdiction imports it). */
export interface DeclaredShipment {
  importingJurisdiction: Jurisdiction;
  model: string;
  variant?: string;
  hsCode: string;
}

/** The jurisdictions a standard's schema declares mutual recognition between (its root `x-mutual-recognition`). */
export function recognitionOf(schema: Record<string, unknown>): Jurisdiction[] {
  const declared = schema['x-mutual-recognition'];
  return Array.isArray(declared) ? declared.filter((item): item is Jurisdiction => item === 'IR' || item === 'RU') : [];
}

/**
 * The README rule: a certificate is valid for import into J when J's authority issued it, or when the other
 * jurisdiction issued it under a standard version whose `x-mutual-recognition` lists both. Null otherwise.
 */
export function importBasis(issuing: Jurisdiction, importing: Jurisdiction, recognisedBy: readonly Jurisdiction[]): ImportBasis | null {
  if (issuing === importing) return 'issued_by_importing_jurisdiction';
  return recognisedBy.includes(issuing) && recognisedBy.includes(importing) ? 'mutual_recognition' : null;
}

function check(field: ScopeCheck['field'], given: string, certified: string | string[], ok: boolean, reason: string): ScopeCheck {
  return { field, given, certified, result: ok ? 'match' : 'mismatch', ...(ok ? {} : { reason }) };
}

/**
 * Checks a shipment against a certificate for a customs document: the certificate is valid now and valid in
 * the importing jurisdiction; the model is exactly the certified model and the variant, when given, exactly
 * one of its variants (sameIdentifier); the HS code agrees at the certified precision (hsCodesAgree).
 */
export function checkCustomsScope(certified: CertifiedScope, shipment: DeclaredShipment): ScopeResult {
  const { product, status } = certified;
  const basis = importBasis(certified.issuingJurisdiction, shipment.importingJurisdiction, certified.recognisedBy);
  const checks = [
    check('status', 'valid', status, status === 'valid', `the certificate is ${status}`),
    check('importingJurisdiction', shipment.importingJurisdiction, [certified.issuingJurisdiction, ...certified.recognisedBy.filter((j) => j !== certified.issuingJurisdiction)], basis !== null,
      `a certificate issued in ${certified.issuingJurisdiction} is not valid for import into ${shipment.importingJurisdiction}: its standard declares no mutual recognition between them`),
    check('model', shipment.model, product.model, sameIdentifier(product.model, shipment.model), `model "${shipment.model}" is not the certified model "${product.model}"`),
  ];
  if (shipment.variant !== undefined) {
    const variant = shipment.variant;
    checks.push(check('variant', variant, product.variants, product.variants.some((name) => sameIdentifier(name, variant)), `variant "${variant}" is not a certified variant of "${product.model}"`));
  }
  checks.push(check('hsCode', shipment.hsCode, product.hsCode, hsCodesAgree(product.hsCode, shipment.hsCode),
    `HS code ${shipment.hsCode} is outside the certified ${product.hsCode} (it must carry at least the certified digits, all of them)`));
  return { within: checks.every((item) => item.result === 'match'), checks };
}
