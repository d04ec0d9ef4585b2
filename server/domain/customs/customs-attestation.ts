import type { Jurisdiction } from '../../store/port.ts';
import type { ImportBasis } from './customs-scope.ts';
import type { ScopeCheck } from './scope.ts';
import type { SerialRange } from './serials.ts';

/** A shipment as customs declares it (validated at the edge by customs-document-request.schema.json). */
export interface ShipmentRequest {
  importer: string;
  consignmentReference: string;
  /** The certified model, exactly (after NFC and trimming). */
  model: string;
  /** One of the certified variants, exactly, when the goods are a variant. */
  variant?: string;
  quantity: number;
  hsCode: string;
  serials?: string[];
  serialRange?: SerialRange;
}

/** The shipment facts an attestation states, as signed (model and variant NFC-normalised and trimmed; serials always listed). */
export type AttestedShipment = Omit<ShipmentRequest, 'serials'> & { serials: string[] };

/** What an attestation is built from. */
export interface AttestationInput {
  id: string;
  documentNumber: string;
  importingJurisdiction: Jurisdiction;
  basis: ImportBasis;
  standard: { code: string; version: string };
  certificate: { number: string; credentialHash: string; validUntil: string; issuer: { id: string; name: string; jurisdiction: Jurisdiction }; holder?: { name: string } };
  product: { manufacturer: string; brand: string; model: string; variants: string[]; hsCode: string };
  shipment: ShipmentRequest;
  checks: ScopeCheck[];
  requestedBy: { role: string; jurisdiction: Jurisdiction };
  issuedAt: string;
  expiresAt: string;
}

const identifier = (text: string) => text.normalize('NFC').trim();

/** The shipment facts to sign: what was declared, in a fixed shape (empty serial list when none were given). */
export function attestedShipment(shipment: ShipmentRequest): AttestedShipment {
  return {
    importer: shipment.importer, consignmentReference: shipment.consignmentReference,
    model: identifier(shipment.model), ...(shipment.variant !== undefined ? { variant: identifier(shipment.variant) } : {}),
    quantity: shipment.quantity, hsCode: shipment.hsCode, serials: shipment.serials ?? [],
    ...(shipment.serialRange ? { serialRange: shipment.serialRange } : {}),
  };
}

/**
 * The customs attestation as signed: its number and the importing jurisdiction, why the certificate is valid
 * there (issued by it, or mutual recognition declared by the cited standard version), the certificate and
 * the certified product, the shipment facts and each scope check. Pure: equal inputs give equal attestations.
 */
export function buildAttestation(input: AttestationInput) {
  return {
    type: 'IrruCustomsAttestation', id: `urn:irru:customs:${input.id}`,
    documentNumber: input.documentNumber, importingJurisdiction: input.importingJurisdiction,
    validForImport: { basis: input.basis, standard: input.standard },
    certificate: input.certificate, product: input.product,
    shipment: attestedShipment(input.shipment),
    checks: input.checks.map(({ field, result }) => ({ field, result })),
    requestedBy: input.requestedBy,
    issuedAt: input.issuedAt, expiresAt: input.expiresAt,
  };
}

/** A customs attestation as signed. */
export type CustomsAttestation = ReturnType<typeof buildAttestation>;
