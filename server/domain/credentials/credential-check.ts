import { decodeJws, signatureVerifies } from './jws.ts';
import { issuerIdOf, signatureAlg } from './signing-keys.ts';
import type { SigningKeyRecord } from '../../store/port.ts';

/** A public key as a verifier knows it: from the store, or from a published JWK Set. */
export interface KnownKey {
  publicJwk: Record<string, string>;
  purpose: string;
  /** The issuer id (urn:irru:org:…) the key belongs to, or null for the log key. */
  issuerId: string | null;
  jurisdiction: string | null;
}

/** Finds a key by kid; null when it is not known. */
export type KeyLookup = (kid: string) => Promise<KnownKey | null>;

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

/** A key record as a KnownKey. */
export function knownKeyOf(record: SigningKeyRecord): KnownKey {
  return { publicJwk: record.publicJwk, purpose: record.purpose, issuerId: record.orgId ? issuerIdOf(record.orgId) : null, jurisdiction: record.jurisdiction };
}

/** A lookup over a JWK Set as GET /.well-known/jwks.json publishes it (offline verification). */
export function jwkSetLookup(jwks: { keys?: unknown }): KeyLookup {
  const keys = Array.isArray(jwks.keys) ? (jwks.keys as Array<Record<string, string>>) : [];
  return async (kid) => {
    const jwk = keys.find((key) => key.kid === kid);
    if (!jwk) return null;
    const { kty, crv, x } = jwk;
    return { publicJwk: { kty: kty!, crv: crv!, x: x!, kid }, purpose: jwk.purpose ?? 'credential', issuerId: jwk.org ?? null, jurisdiction: jwk.jurisdiction ?? null };
  };
}

function claimedIssuer(credential: Record<string, unknown> | null): { id?: unknown; jurisdiction?: unknown } {
  const issuer = credential?.issuer;
  return typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown; jurisdiction?: unknown }) : {};
}

function claimedNumber(credential: Record<string, unknown> | null): string | null {
  const subject = credential?.credentialSubject as { certificateNumber?: unknown } | undefined;
  return typeof subject?.certificateNumber === 'string' ? subject.certificateNumber : null;
}

/**
 * Checks a compact JWS credential on its own: the EdDSA signature with the key its `kid` names, and whether
 * that key belongs to the authority the credential names as issuer. A key that cannot be found makes the
 * result "unverifiable"/"unknown", never "invalid".
 */
export async function assessCredentialJws(jws: string, lookup: KeyLookup): Promise<CredentialAssessment> {
  const decoded = decodeJws(jws.trim());
  if (!decoded) return { integrity: 'invalid', issuer: 'unknown', number: null, credential: null, credentialHash: null, kid: null, reasons: ['not a compact JWS'] };
  const base = { number: claimedNumber(decoded.json), credential: decoded.json, credentialHash: decoded.payloadHash, kid: decoded.header.kid ?? null };
  if (decoded.header.alg !== signatureAlg) return { ...base, integrity: 'invalid', issuer: 'unknown', reasons: [`unexpected algorithm ${decoded.header.alg}`] };
  const key = base.kid ? await lookup(base.kid) : null;
  if (!key) return { ...base, integrity: 'unverifiable', issuer: 'unknown', reasons: [`the signing key ${base.kid ?? '(no kid)'} is not known here`] };
  if (!(await signatureVerifies(jws.trim(), key.publicJwk))) return { ...base, integrity: 'invalid', issuer: 'unknown', reasons: ['the signature does not verify'] };
  const claimed = claimedIssuer(decoded.json);
  const recognised = key.purpose === 'credential' && key.issuerId !== null && key.issuerId === claimed.id && key.jurisdiction === claimed.jurisdiction;
  return {
    ...base, integrity: 'valid', issuer: recognised ? 'recognised' : 'not_recognised',
    reasons: recognised ? [] : ['the signing key does not belong to the authority the credential names as issuer'],
  };
}
