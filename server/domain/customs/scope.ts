import type { EffectiveStatus } from '../certificates/status.ts';

/** What a shipment declares, to be checked against a certificate. */
export interface ShipmentDeclaration {
  hsCode?: string;
  model?: string;
  serial?: string;
}

/** One scope check: what was given, what the certificate says, and whether they agree. */
export interface ScopeCheck {
  field: 'status' | 'hsCode' | 'model' | 'serial' | 'variant' | 'importingJurisdiction';
  given: string;
  certified: string | string[];
  result: 'match' | 'mismatch' | 'not_restricted';
  reason?: string;
}

/** Whether a shipment is within a certificate's scope, with each check. */
export interface ScopeResult {
  within: boolean;
  checks: ScopeCheck[];
}

const digitsOf = (code: string) => code.replace(/[^0-9]/g, '');

/**
 * HS codes agree at the precision the certificate carries: the given code has at least as many digits as
 * the certified one and starts with all of them. A certified 8517.13.00 covers 8517.13.00 and the national
 * 10-digit 8517.13.00.00, never the shorter 8517 or 8517.13 (those name wider headings than were certified).
 */
export function hsCodesAgree(certified: string, given: string): boolean {
  const a = digitsOf(certified);
  const b = digitsOf(given);
  return a.length >= 4 && b.length >= a.length && b.startsWith(a);
}

/**
 * Identifiers (model, variant) compare exactly after Unicode NFC and trimming: no case folding or space
 * collapsing, so "EX-5G pro" is not "EX-5G Pro" and look-alike models stay apart.
 */
export function sameIdentifier(a: string, b: string): boolean {
  return a.normalize('NFC').trim() === b.normalize('NFC').trim();
}

/** The model is exactly the certified model or one of its variants (see sameIdentifier). */
export function modelAgrees(product: { model: string; variants: string[] }, given: string): boolean {
  return [product.model, ...product.variants].some((name) => sameIdentifier(name, given));
}

/**
 * Checks a shipment against a certificate: the certificate must be valid now, and each declared field must
 * agree. Serial numbers are not restricted by a type certificate (it covers every unit of the model).
 */
export function checkScope(product: { model: string; variants: string[]; hsCode: string }, status: EffectiveStatus | 'unknown', shipment: ShipmentDeclaration): ScopeResult {
  const checks: ScopeCheck[] = [
    { field: 'status', given: 'valid', certified: status, result: status === 'valid' ? 'match' : 'mismatch', ...(status === 'valid' ? {} : { reason: `the certificate is ${status}` }) },
  ];
  if (shipment.hsCode !== undefined) {
    const ok = hsCodesAgree(product.hsCode, shipment.hsCode);
    checks.push({ field: 'hsCode', given: shipment.hsCode, certified: product.hsCode, result: ok ? 'match' : 'mismatch', ...(ok ? {} : { reason: `HS code ${shipment.hsCode} is outside the certified ${product.hsCode}` }) });
  }
  if (shipment.model !== undefined) {
    const ok = modelAgrees(product, shipment.model);
    checks.push({ field: 'model', given: shipment.model, certified: [product.model, ...product.variants], result: ok ? 'match' : 'mismatch', ...(ok ? {} : { reason: `model "${shipment.model}" is not the certified model or one of its variants` }) });
  }
  if (shipment.serial !== undefined) checks.push({ field: 'serial', given: shipment.serial, certified: [], result: 'not_restricted' });
  return { within: checks.every((check) => check.result !== 'mismatch'), checks };
}
