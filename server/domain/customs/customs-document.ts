import { randomUUID } from 'node:crypto';
import type { CertificateRecord, CustomsDocumentRecord, Jurisdiction, StoreTransaction } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { canonicalJson } from '../canonical-json.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../policies/index.ts';
import { auditCertificate } from '../certificates/certificate-audit.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { buildAttestation, type ShipmentRequest } from './customs-attestation.ts';
import { formatCustomsNumber } from './customs-document-number.ts';
import { checkCustomsScope, importBasis, recognitionOf } from './customs-scope.ts';
import { decodeJws, sha256Hex } from '../credentials/jws.ts';
import type { ScopeResult } from './scope.ts';
import { assertSerialsAgree } from './serials.ts';
import { activeAuthorityKey, keyIdOf, signCompact } from '../credentials/signing-keys.ts';
import { readCertificate } from '../credentials/credential-reading.ts';
import { authorityDid } from '../identities/did-web.ts';
import { effectiveStatus, loadCertificate, recordedStatus } from '../certificates/status.ts';

export type { ShipmentRequest } from './customs-attestation.ts';

/** JWS `typ` of customs attestations. */
export const customsAttestationType = 'irru-customs+jwt';

/** What the signed credential states (product, standard, holder): the only basis of a customs attestation. */
function subjectOf(certificate: CertificateRecord) {
  const statement = readCertificate(decodeJws(certificate.jws)?.json);
  if (!statement.product || !statement.standard) throw new DomainError('invalid_state', `certificate ${certificate.number} holds an unreadable credential`);
  return { holder: statement.holder?.name ? { name: statement.holder.name } : null, product: statement.product, standard: statement.standard };
}

function expiryOf(ctx: CertificatesContext, issued: Date, certificateUntil: string): string {
  const until = new Date(issued.getTime() + ctx.customsDocumentDays * 86_400_000);
  return new Date(Math.min(until.getTime(), Date.parse(certificateUntil))).toISOString();
}

/** The jurisdictions the certificate's standard version declares mutual recognition between (none if its content differs). */
async function recognisedBy(tx: StoreTransaction, standard: { code: string; version: string; contentHash: string | null }): Promise<Jurisdiction[]> {
  const record = await tx.standards.get(standard.code, standard.version);
  return record && record.contentHash === standard.contentHash ? recognitionOf(record.schema) : [];
}

function refuse(number: string, importing: Jurisdiction, scope: ScopeResult): never {
  const rules = { status: 'certificate_valid', importingJurisdiction: 'import_recognition', model: 'model_exact', variant: 'variant_certified', hsCode: 'hs_precision', serial: 'serial' } as const;
  const failures = scope.checks.filter((check) => check.result === 'mismatch').map((check) => ({ field: check.field, rule: rules[check.field], reason: check.reason ?? '' }));
  throw new DomainError('out_of_scope', `the shipment is outside certificate ${number}: ${failures.map((failure) => failure.reason).join('; ')}`, { importingJurisdiction: importing, failures, checks: scope.checks });
}

/** The importing jurisdiction: the official's own (the customs_document.create policy refuses officials without one). */
function importingJurisdictionOf(actor: Actor): Jurisdiction {
  authorize(actor, 'customs_document.create', null);
  return actor.jurisdiction!;
}

/** Loads the certificate and checks the shipment against it for the importing jurisdiction; refuses with 422 when out of scope. */
async function checkedCertificate(tx: StoreTransaction, number: string, importing: Jurisdiction, shipment: ShipmentRequest, now: Date) {
  const { certificate, events } = await loadCertificate(tx, number);
  const subject = subjectOf(certificate);
  const recognised = await recognisedBy(tx, subject.standard);
  const certified = { issuingJurisdiction: certificate.jurisdiction, recognisedBy: recognised, product: subject.product, status: effectiveStatus(certificate, recordedStatus(events), now) };
  const declared = { importingJurisdiction: importing, model: shipment.model, ...(shipment.variant !== undefined ? { variant: shipment.variant } : {}), hsCode: shipment.hsCode };
  const scope = checkCustomsScope(certified, declared);
  if (!scope.within) refuse(number, importing, scope);
  return { certificate, subject, scope, basis: importBasis(certificate.jurisdiction, importing, recognised)! };
}

/**
 * Issues a signed, short-lived customs attestation for one shipment imported into the requesting officer's
 * jurisdiction. Refused before anything is written: 400 validation_failed when the serials, range and quantity
 * disagree (serials.ts), 422 out_of_scope naming each failing field and rule when the certificate is not valid
 * now or not valid in the importing jurisdiction, or the model, variant or HS code is not the certified one
 * (customs-scope.ts). Numbered IRRU-CD-… from a counter in the same transaction as the insert, so refusals and
 * failures consume no number. Signed by the issuing authority's current key; stored, audited, never edited.
 */
export async function createCustomsDocument(ctx: CertificatesContext, actor: Actor, number: string, shipment: ShipmentRequest, requestId: string | null = null): Promise<CustomsDocumentRecord> {
  const importing = importingJurisdictionOf(actor);
  assertSerialsAgree(shipment);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const { certificate, subject: { holder, product, standard }, scope, basis } = await checkedCertificate(tx, number, importing, shipment, now);
    const issuer = await tx.organisations.get(certificate.issuerOrgId);
    if (!issuer) throw new DomainError('not_found', `the issuing authority of ${number} is gone`);
    const id = randomUUID();
    const at = now.toISOString();
    const documentNumber = formatCustomsNumber({ jurisdiction: importing, year: now.getUTCFullYear(), sequence: await tx.customsDocuments.nextSequence(importing, now.getUTCFullYear()) });
    const attestation = buildAttestation({
      id, documentNumber, importingJurisdiction: importing, basis, standard: { code: standard.code, version: standard.version },
      certificate: { number, credentialHash: certificate.credentialHash, validUntil: certificate.validUntil, issuer: { id: authorityDid(ctx.publicBaseUrl, issuer.id), name: issuer.name, jurisdiction: certificate.jurisdiction }, ...(holder ? { holder: { name: holder.name } } : {}) },
      product: { manufacturer: product.manufacturer.name, brand: product.brand ?? '', model: product.model, variants: product.variants, hsCode: product.hsCode },
      shipment, checks: scope.checks, requestedBy: { role: actor.role, jurisdiction: importing }, issuedAt: at, expiresAt: expiryOf(ctx, now, certificate.validUntil),
    });
    const payload = new TextEncoder().encode(canonicalJson(attestation));
    const key = await activeAuthorityKey(tx, ctx.vault, issuer, at);
    const record: CustomsDocumentRecord = {
      id, number, documentNumber, importingJurisdiction: importing, attestation, jws: await signCompact(ctx.vault, key, payload, { typ: customsAttestationType, kid: keyIdOf(ctx.publicBaseUrl, key) }),
      attestationHash: sha256Hex(payload), issuedAt: at, expiresAt: attestation.expiresAt, requestedBy: actor.userId,
    };
    await tx.customsDocuments.insert(record);
    await auditCertificate(tx, actor, requestId, 'certificate.customs_document', number, { customsDocumentId: id, documentNumber, importingJurisdiction: importing, attestationHash: record.attestationHash, quantity: shipment.quantity }, now);
    return record;
  });
}
