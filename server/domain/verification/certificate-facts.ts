import { readCertificate, type CertifiedProductFacts } from '../credentials/credential-reading.ts';

export type { CertifiedProductFacts } from '../credentials/credential-reading.ts';

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

/**
 * The product identity, validity, issuer, holder and standard a signed credential states; null when it has no
 * readable product. Call it only once integrity is valid: unsigned claims are never shown as facts.
 */
export function certificateFactsOf(credential: unknown): CertificateFacts | null {
  const statement = readCertificate(credential);
  if (!statement.product) return null;
  const root = credential as { validFrom?: unknown; validUntil?: unknown };
  return {
    product: statement.product,
    validFrom: typeof root.validFrom === 'string' ? root.validFrom : null,
    validUntil: typeof root.validUntil === 'string' ? root.validUntil : null,
    issuer: { ...statement.issuer, jurisdiction: statement.jurisdiction },
    holder: statement.holder,
    standard: statement.standard ? { code: statement.standard.code, version: statement.standard.version } : null,
  };
}
