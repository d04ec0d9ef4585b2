import type { EffectiveStatus } from './status.ts';

/** What a shipment declares, to be checked against a certificate. */
export interface ShipmentDeclaration {
  hsCode?: string;
  model?: string;
  serial?: string;
}

/** One scope check: what was given, what the certificate says, and whether they agree. */
export interface ScopeCheck {
  field: 'status' | 'hsCode' | 'model' | 'serial';
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
const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * HS codes agree when their digits agree on the first six (the internationally harmonised subheading),
 * or on all digits the shorter one gives when it has only four (the heading). National 8- and 10-digit
 * extensions beyond the sixth digit are not compared: they differ between the IR and EAEU tariffs.
 */
export function hsCodesAgree(certified: string, given: string): boolean {
  const a = digitsOf(certified);
  const b = digitsOf(given);
  const n = Math.min(6, a.length, b.length);
  return n >= 4 && a.slice(0, n) === b.slice(0, n);
}

/** The model matches the certified model or one of its variants (case and spacing ignored). */
export function modelAgrees(product: { model: string; variants: string[] }, given: string): boolean {
  return [product.model, ...product.variants].some((name) => normalise(name) === normalise(given));
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
