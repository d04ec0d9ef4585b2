/** Types of the outside verifier example (plain JavaScript, so it runs with node alone). */
export interface OutsideChecks {
  signature: 'valid';
  typ: string;
  issuer: string;
  number: string;
  expired: boolean;
  revocation?: boolean;
  suspension?: boolean;
  valid: boolean;
}
export function didDocumentUrl(did: string): string;
export function verifyCertificate(jws: string, get?: (url: string, accept?: string) => Promise<string>): Promise<{ checks: OutsideChecks; credential: Record<string, unknown> }>;
