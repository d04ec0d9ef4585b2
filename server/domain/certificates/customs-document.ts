import { randomUUID } from 'node:crypto';
import type { CustomsDocumentRecord } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { canonicalJson } from '../canonical-json.ts';
import { DomainError } from '../errors.ts';
import { auditCertificate } from './certificate-audit.ts';
import type { CertificatesContext } from './context.ts';
import { decodeJws, sha256Hex } from './jws.ts';
import { checkScope } from './scope.ts';
import { activeAuthorityKey, issuerIdOf, signCompact } from './signing-keys.ts';
import { effectiveStatus, loadCertificate, recordedStatus } from './status.ts';

/** A shipment as customs declares it (validated at the edge by customs-document-request.schema.json). */
export interface ShipmentRequest {
  importer: string;
  consignmentReference: string;
  quantity: number;
  hsCode: string;
  serials?: string[];
  serialRange?: { from: string; to: string };
}

/** JWS `typ` of customs attestations. */
export const customsAttestationType = 'irru-customs+jwt';

function credentialOf(jws: string) {
  return decodeJws(jws)?.json as { issuer: { id: string; name: string; jurisdiction: string }; credentialSubject: { product: { manufacturer: { name: string }; brand: string; model: string; variants: string[]; hsCode: string } } };
}

function expiryOf(ctx: CertificatesContext, issued: Date, certificateUntil: string): string {
  const until = new Date(issued.getTime() + ctx.customsDocumentDays * 86_400_000);
  return new Date(Math.min(until.getTime(), Date.parse(certificateUntil))).toISOString();
}

/**
 * Issues a signed, short-lived customs attestation for one shipment (customs officers and regulators):
 * the certificate must be valid now and the shipment's HS code within its heading, otherwise
 * DomainError('out_of_scope') with the reason. Signed by the issuing authority's current key; stored,
 * audited, never edited.
 */
export async function createCustomsDocument(ctx: CertificatesContext, actor: Actor, number: string, shipment: ShipmentRequest, requestId: string | null = null): Promise<CustomsDocumentRecord> {
  return ctx.store.transaction(async (tx) => {
    const { certificate, events } = await loadCertificate(tx, number);
    const now = ctx.now();
    const credential = credentialOf(certificate.jws);
    const product = credential.credentialSubject.product;
    const scope = checkScope(product, effectiveStatus(certificate, recordedStatus(events), now), { hsCode: shipment.hsCode });
    if (!scope.within) {
      const reasons = scope.checks.filter((check) => check.result === 'mismatch').map((check) => check.reason);
      throw new DomainError('out_of_scope', `the shipment is outside certificate ${number}: ${reasons.join('; ')}`, { checks: scope.checks });
    }
    const issuer = await tx.organisations.get(certificate.issuerOrgId);
    if (!issuer) throw new DomainError('not_found', `the issuing authority of ${number} is gone`);
    const id = randomUUID();
    const at = now.toISOString();
    const attestation = {
      type: 'IrruCustomsAttestation', id: `urn:irru:customs:${id}`,
      certificate: { number, credentialHash: certificate.credentialHash, validUntil: certificate.validUntil, issuer: { id: issuerIdOf(issuer.id), name: issuer.name, jurisdiction: certificate.jurisdiction } },
      product: { manufacturer: product.manufacturer.name, brand: product.brand, model: product.model, variants: product.variants, hsCode: product.hsCode },
      shipment: { importer: shipment.importer, consignmentReference: shipment.consignmentReference, quantity: shipment.quantity, hsCode: shipment.hsCode, serials: shipment.serials ?? [], ...(shipment.serialRange ? { serialRange: shipment.serialRange } : {}) },
      checks: scope.checks.map(({ field, result }) => ({ field, result })),
      requestedBy: { role: actor.role, jurisdiction: actor.jurisdiction },
      issuedAt: at, expiresAt: expiryOf(ctx, now, certificate.validUntil),
    };
    const payload = new TextEncoder().encode(canonicalJson(attestation));
    const key = await activeAuthorityKey(tx, ctx.vault, issuer, at);
    const record: CustomsDocumentRecord = {
      id, number, attestation, jws: await signCompact(ctx.vault, key, payload, customsAttestationType), attestationHash: sha256Hex(payload),
      issuedAt: at, expiresAt: attestation.expiresAt, requestedBy: actor.userId,
    };
    await tx.customsDocuments.insert(record);
    await auditCertificate(tx, actor, requestId, 'certificate.customs_document', number, { customsDocumentId: id, attestationHash: record.attestationHash, quantity: shipment.quantity }, now);
    return record;
  });
}
