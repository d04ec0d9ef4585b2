import type { CertificateRecord, CustomsDocumentRecord, Jurisdiction } from '../../store/port.ts';
import type { AttestedShipment } from './customs-attestation.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { publicJwkOf } from '../identities/did-documents.ts';
import { thumbprintOfKid } from '../identities/key-resolution.ts';
import { decodeJws, signatureVerifies } from '../credentials/jws.ts';

/** The check of a customs document named by a QR code, with the shipment facts it attests. */
export interface CustomsDocumentCheck {
  id: string;
  integrity: 'valid' | 'invalid' | 'unverifiable';
  expired: boolean | null;
  expiresAt: string | null;
  /** IRRU-CD-…, or null when the document is unknown or was issued before numbering. */
  documentNumber: string | null;
  importingJurisdiction: Jurisdiction | null;
  /**
   * The shipment as signed (importer, consignment, model, variant, quantity, HS code, serials, range), read
   * from the verified JWS payload, never from a printout: compare it with the paper. Null unless integrity is valid.
   */
  shipment: AttestedShipment | null;
}

const unknownDocument = (id: string): CustomsDocumentCheck => ({ id, integrity: 'unverifiable', expired: null, expiresAt: null, documentNumber: null, importingJurisdiction: null, shipment: null });

async function signedPayload(ctx: CertificatesContext, document: CustomsDocumentRecord): Promise<{ known: boolean; payload: Record<string, unknown> | null }> {
  const decoded = decodeJws(document.jws);
  const kid = decoded?.header.kid;
  const key = typeof kid === 'string' ? await ctx.store.signingKeys.get(thumbprintOfKid(kid)) : null;
  if (!decoded || !key) return { known: false, payload: null };
  const signed = await signatureVerifies(document.jws, publicJwkOf(key));
  return { known: true, payload: signed && decoded.payloadHash === document.attestationHash ? (decoded.json as Record<string, unknown>) : null };
}

/**
 * Checks that the customs document exists for this certificate, its signature and hash hold (the QR's hash
 * included, when given), and whether it has expired; when it holds, answers with the signed shipment facts so
 * whoever scans a printout sees what was attested, not what is printed.
 */
export async function verifyCustomsDocument(ctx: CertificatesContext, certificate: CertificateRecord, id: string, hash: string | null, now: Date): Promise<CustomsDocumentCheck> {
  const document = await ctx.store.customsDocuments.get(id);
  if (!document || document.number !== certificate.number) return unknownDocument(id);
  const { known, payload } = await signedPayload(ctx, document);
  const integrity = !known ? 'unverifiable' : payload && (hash === null || hash === document.attestationHash) ? 'valid' : 'invalid';
  return {
    id, integrity, expired: Date.parse(document.expiresAt) <= now.getTime(), expiresAt: document.expiresAt,
    documentNumber: document.documentNumber, importingJurisdiction: document.importingJurisdiction,
    shipment: integrity === 'valid' ? ((payload?.shipment as AttestedShipment | undefined) ?? null) : null,
  };
}
