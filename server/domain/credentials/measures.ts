import type { ClauseInfo } from '../conformance/types.ts';

/**
 * UN/ECE Recommendation 20 common codes of the units the shipped standards use (`x-unit`), for UNTP's
 * `Measure.unit`. A unit without a code here (dBm, dBi, W/kg…: logarithmic or compound units Rec 20 has no
 * code for) is stated in the extension's `measuredValue.unitText` only, never under a guessed code.
 */
const rec20: Readonly<Record<string, string>> = {
  '%': 'P1', A: 'AMP', Hz: 'HTZ', MHz: 'MHZ', V: 'VLT', W: 'WTT', Wh: 'WHR', mW: 'C31', cm: 'CMT', m: 'MTR', mm: 'MMT', nm: 'C45',
  ms: 'C26', mAh: 'E09', dB: '2N', '°C': 'CEL', '°': 'DD', year: 'ANN', 'Gbit/s': 'B80',
};

/** A clause's measured value: the number the spec gives where the clause sits, in the clause's unit. */
export interface MeasuredValue {
  value: number;
  /** The unit as the standard writes it. */
  unit: string;
  /** Its Rec 20 code, or null when it has none. */
  unitCode: string | null;
}

/**
 * The value a spec gives for a clause with a unit, when the clause sits on a plain property path of the standard
 * itself (`/properties/a/properties/b` → spec.a.b) and the value there is a number; null otherwise (no unit,
 * a clause inside a referenced document or under arrays or combinators, or no number given).
 */
export function measureOf(spec: unknown, clause: Pick<ClauseInfo, 'unit' | 'pointer'>): MeasuredValue | null {
  if (!clause.unit || !/^(\/properties\/[^/]+)+$/.test(clause.pointer)) return null;
  let value: unknown = spec;
  for (const segment of clause.pointer.split('/properties/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? { value, unit: clause.unit, unitCode: rec20[clause.unit] ?? null } : null;
}
