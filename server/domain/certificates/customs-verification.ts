import type { CertificateRecord } from '../../store/port.ts';
import type { CertificatesContext } from './context.ts';
import { knownKeyOf } from './credential-check.ts';
import { signatureVerifies } from './jws.ts';

/** The check of a customs document named by a QR code. */
export interface CustomsDocumentCheck {
  id: string;
  integrity: 'valid' | 'invalid' | 'unverifiable';
  expired: boolean | null;
  expiresAt: string | null;
}

/** Checks that the customs document exists for this certificate, its signature and hash hold, and it has not expired. */
export async function verifyCustomsDocument(ctx: CertificatesContext, certificate: CertificateRecord, id: string, hash: string | null, now: Date): Promise<CustomsDocumentCheck> {
  const document = await ctx.store.customsDocuments.get(id);
  if (!document || document.number !== certificate.number) return { id, integrity: 'unverifiable', expired: null, expiresAt: null };
  const kid = (JSON.parse(Buffer.from(document.jws.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string }).kid;
  const key = kid ? await ctx.store.signingKeys.get(kid) : null;
  const signed = key ? await signatureVerifies(document.jws, knownKeyOf(key).publicJwk) : false;
  const integrity = !key ? 'unverifiable' : signed && (hash === null || hash === document.attestationHash) ? 'valid' : 'invalid';
  return { id, integrity, expired: Date.parse(document.expiresAt) <= now.getTime(), expiresAt: document.expiresAt };
}
