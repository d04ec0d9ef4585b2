import { decodeJws, signatureVerifies } from './jws.ts';
import { signatureAlg } from './signing-keys.ts';
import { parseDidUrl } from '../identities/did-web.ts';
import type { KeyResolver, ResolvedKey } from '../identities/key-resolution.ts';
import { certificateNumberOf, issuerOf } from './credential-reading.ts';

/** Integrity: the signature (and hash) check out / do not / could not be checked. */
export type IntegrityResult = 'valid' | 'invalid' | 'unverifiable';
/** Issuer: the signing key belongs to the authority the credential names / does not / is not known here. */
export type IssuerResult = 'recognised' | 'not_recognised' | 'unknown';

/** What a signed credential says about itself, once its signature has been checked. */
export interface CredentialAssessment {
  integrity: IntegrityResult;
  issuer: IssuerResult;
  /** The certificate number the credential claims, when it could be read. */
  number: string | null;
  credential: Record<string, unknown> | null;
  /** SHA-256 (hex) of the JWS payload. */
  credentialHash: string | null;
  kid: string | null;
  reasons: string[];
}

/** The JOSE `typ` of a certificate credential (VC-JOSE-COSE §3.1.1) and its `cty`. */
export const credentialJwsType = 'vc+jwt';
export const credentialContentType = 'vc';

/** Why the key may not vouch for this credential, or null: it must be the issuer's, and not retired when the credential became valid. */
function issuerProblem(key: ResolvedKey, kid: string, credential: Record<string, unknown> | null): string | null {
  const issuer = issuerOf(credential);
  if (issuer === null || parseDidUrl(kid)?.did !== issuer && !legacyIssuer(key, issuer)) {
    return `the signing key belongs to ${key.controller}, not to the issuer ${issuer ?? '(none named)'}`;
  }
  if (key.registry && key.registry.purpose !== 'credential') return 'the signing key is not a credential key';
  const validFrom = typeof credential?.validFrom === 'string' ? Date.parse(credential.validFrom) : Number.NaN;
  if (key.revoked !== null && !(validFrom < Date.parse(key.revoked))) {
    return `signed with the key ${kid}, which was retired on ${key.revoked}, for a credential valid from ${String(credential?.validFrom)}`;
  }
  const number = certificateNumberOf(credential);
  const jurisdiction = key.registry?.jurisdiction;
  if (jurisdiction && number !== null && !number.startsWith(`IRRU-${jurisdiction}-`)) return `a ${jurisdiction} authority's key cannot sign certificate ${number}`;
  return null;
}

/** Credentials signed before DIDs named the authority `urn:irru:org:<id>` and a bare thumbprint as kid. */
function legacyIssuer(key: ResolvedKey, issuer: string): boolean {
  return parseDidUrl(key.kid) === null && key.registry?.orgId != null && issuer === `urn:irru:org:${key.registry.orgId}`;
}

/**
 * Checks a compact JWS credential on its own: the EdDSA signature with the key its `kid` (a DID URL) resolves
 * to, whether that key belongs to the DID the credential names as issuer, and whether it was still active when
 * the credential became valid. A key that cannot be resolved makes the result "unverifiable"/"unknown", never "invalid".
 */
export async function assessCredentialJws(jws: string, resolve: KeyResolver): Promise<CredentialAssessment> {
  const decoded = decodeJws(jws.trim());
  if (!decoded) return { integrity: 'invalid', issuer: 'unknown', number: null, credential: null, credentialHash: null, kid: null, reasons: ['not a compact JWS'] };
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : null;
  const base = { number: certificateNumberOf(decoded.json), credential: decoded.json, credentialHash: decoded.payloadHash, kid };
  if (decoded.header.alg !== signatureAlg) return { ...base, integrity: 'invalid', issuer: 'unknown', reasons: [`unexpected algorithm ${decoded.header.alg}`] };
  if (decoded.header.typ !== credentialJwsType) return { ...base, integrity: 'invalid', issuer: 'unknown', reasons: [`not a credential (typ ${String(decoded.header.typ)})`] };
  const resolution = kid ? await resolve(kid) : { problem: 'the credential names no signing key' };
  if ('problem' in resolution) return { ...base, integrity: 'unverifiable', issuer: 'unknown', reasons: [resolution.problem] };
  if (!(await signatureVerifies(jws.trim(), resolution.key.publicJwk))) return { ...base, integrity: 'invalid', issuer: 'unknown', reasons: ['the signature does not verify'] };
  const problem = issuerProblem(resolution.key, kid!, decoded.json);
  return { ...base, integrity: 'valid', issuer: problem ? 'not_recognised' : 'recognised', reasons: problem ? [problem] : [] };
}
