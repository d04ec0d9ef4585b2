import { createHash } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK, type ProtectedHeaderParameters } from 'jose';
import { signatureAlg } from './signing-keys.ts';

/** SHA-256 (lower-case hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A compact JWS taken apart without checking its signature. */
export interface DecodedJws {
  header: ProtectedHeaderParameters;
  payload: Uint8Array;
  /** The payload parsed as JSON (an object), or null when it is not JSON. */
  json: Record<string, unknown> | null;
  /** SHA-256 (hex) of the payload bytes. */
  payloadHash: string;
}

const compactPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** Decodes a compact JWS; null when it is not one. */
export function decodeJws(jws: string): DecodedJws | null {
  if (!compactPattern.test(jws)) return null;
  try {
    const header = decodeProtectedHeader(jws);
    const payload = new Uint8Array(Buffer.from(jws.split('.')[1]!, 'base64url'));
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
      json = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { header, payload, json, payloadHash: sha256Hex(payload) };
  } catch {
    return null;
  }
}

/** True when the JWS's signature verifies with the public JWK (alg EdDSA only). */
export async function signatureVerifies(jws: string, publicJwk: { kty: string; crv: string; x: string }): Promise<boolean> {
  try {
    const key = await importJWK({ ...publicJwk, alg: signatureAlg } as JWK, signatureAlg);
    await compactVerify(jws, key, { algorithms: [signatureAlg] });
    return true;
  } catch {
    return false;
  }
}
