import type { Store } from '../../store/port.ts';
import type { KeyVault } from '../credentials/key-vault.ts';

/** What the certificate functions work with. Built once at start-up, then frozen. */
export interface CertificatesContext {
  store: Store;
  /** Private signing keys (<dataDir>/keys). */
  vault: KeyVault;
  /** Base of verification URLs and QR codes, e.g. https://registry.example. */
  publicBaseUrl: string;
  /** Years from issuance to `validUntil` (3 by default). */
  validityYears: number;
  /** Days a customs attestation stays valid (30 by default, never beyond the certificate). */
  customsDocumentDays: number;
  /** The clock (tests move it). */
  now(): Date;
}

/** The context with defaults: 3-year validity, 30-day customs documents, the system clock. */
export function createCertificatesContext(
  parts: Pick<CertificatesContext, 'store' | 'vault' | 'publicBaseUrl'> & Partial<CertificatesContext>,
): CertificatesContext {
  return Object.freeze({ validityYears: 3, customsDocumentDays: 30, now: () => new Date(), ...parts });
}

/** validFrom plus whole years, as ISO 8601 (29 February rolls to 1 March). */
export function addYears(from: Date, years: number): Date {
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}
