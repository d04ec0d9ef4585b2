import type { CertificateRecord } from '../../store/port.ts';
import { fromHex } from '../ledger/log-entry.ts';
import { verifyInclusion } from '../ledger/merkle.ts';
import { inclusionProof } from '../ledger/transparency-log.ts';
import type { CertificatesContext } from './context.ts';
import { assessCredentialJws, knownKeyOf, type CredentialAssessment, type IntegrityResult, type IssuerResult } from './credential-check.ts';
import { checkScope, type ScopeResult, type ShipmentDeclaration } from './scope.ts';
import { effectiveStatus, recordedStatus, type EffectiveStatus } from './status.ts';
import { parseVerificationUrl } from './verification-url.ts';
import { verifyCustomsDocument, type CustomsDocumentCheck } from './customs-verification.ts';

/** What to verify: a number, a compact JWS, or a QR payload; optionally a shipment to check against the scope. */
export interface VerifyRequest {
  number?: string;
  jws?: string;
  qr?: string;
  shipment?: ShipmentDeclaration;
}

/** Three separate answers (integrity, issuer, status), the log inclusion, and the scope when a shipment was given. */
export interface Verification {
  number: string | null;
  integrity: IntegrityResult;
  issuer: IssuerResult;
  status: EffectiveStatus | 'unknown';
  log: 'included' | 'not_included' | 'unknown';
  scope?: ScopeResult | { within: 'unknown'; checks: [] };
  customsDocument?: CustomsDocumentCheck;
  reasons: string[];
  checkedAt: string;
}

const notInRegistry = (number: string | null, reason: string, checkedAt: string): Verification => ({
  number, integrity: 'unverifiable', issuer: 'unknown', status: 'unknown', log: 'unknown', reasons: [reason], checkedAt,
});

/** Whether the certificate's issuance leaf is in the log with this credential hash, proven against the current root. */
async function logInclusion(ctx: CertificatesContext, record: CertificateRecord): Promise<Verification['log']> {
  const issued = (await ctx.store.certificates.events(record.number)).find((event) => event.action === 'issued');
  if (!issued) return 'not_included';
  const [leaf] = await ctx.store.transparencyLog.leaves(issued.leafIndex, issued.leafIndex + 1);
  if (!leaf || (JSON.parse(leaf.entry) as { credentialHash?: string }).credentialHash !== record.credentialHash) return 'not_included';
  const proof = await inclusionProof(ctx.store.transparencyLog, issued.leafIndex);
  const ok = verifyInclusion(proof.leafIndex, proof.treeSize, fromHex(leaf.leafHash), proof.path.map(fromHex), fromHex(proof.rootHash));
  return ok ? 'included' : 'not_included';
}

function productOfCredential(credential: Record<string, unknown> | null) {
  const subject = credential?.credentialSubject as { product?: { model?: string; variants?: string[]; hsCode?: string } } | undefined;
  const product = subject?.product;
  return product && typeof product.model === 'string' && typeof product.hsCode === 'string'
    ? { model: product.model, hsCode: product.hsCode, variants: Array.isArray(product.variants) ? product.variants : [] }
    : null;
}

function hasShipment(shipment: ShipmentDeclaration | undefined): shipment is ShipmentDeclaration {
  return !!shipment && (shipment.hsCode !== undefined || shipment.model !== undefined || shipment.serial !== undefined);
}

/** Compares what was presented with the registered certificate: the same credential hash, the QR hash. */
function integrityAgainstRecord(assessment: CredentialAssessment, record: CertificateRecord, qrHash: string | null): { integrity: IntegrityResult; reasons: string[] } {
  const reasons = [...assessment.reasons];
  let integrity = assessment.integrity;
  if (assessment.credentialHash !== record.credentialHash) {
    integrity = 'invalid';
    reasons.push('the credential differs from the one registered under this number');
  }
  if (qrHash !== null && qrHash !== record.credentialHash) {
    integrity = 'invalid';
    reasons.push('the hash in the QR code does not match the registered credential');
  }
  return { integrity, reasons };
}

/**
 * Verifies a certificate against this registry. Anything that could not be checked (unknown number,
 * unknown key) is reported as "unverifiable"/"unknown", never as "invalid".
 */
export async function verifyCertificate(ctx: CertificatesContext, request: VerifyRequest): Promise<Verification> {
  const now = ctx.now();
  const checkedAt = now.toISOString();
  const target = request.qr !== undefined ? parseVerificationUrl(request.qr) : null;
  if (request.qr !== undefined && !target) return notInRegistry(null, 'the QR payload is not a registry verification URL', checkedAt);
  const lookup = async (kid: string) => {
    const key = await ctx.store.signingKeys.get(kid);
    return key ? knownKeyOf(key) : null;
  };
  const given = request.jws !== undefined ? await assessCredentialJws(request.jws, lookup) : null;
  const number = given?.number ?? target?.number ?? request.number ?? null;
  const record = number ? await ctx.store.certificates.get(number) : null;
  if (!record) {
    if (!given) return notInRegistry(number, `no certificate ${number ?? '(no number)'} in this registry`, checkedAt);
    return { ...notInRegistry(number, `no certificate ${number ?? '(no number)'} in this registry`, checkedAt), integrity: given.integrity, issuer: given.issuer, reasons: [...given.reasons, `no certificate ${number ?? '(no number)'} in this registry`] };
  }
  const assessment = given ?? (await assessCredentialJws(record.jws, lookup));
  const { integrity, reasons } = integrityAgainstRecord(assessment, record, target?.customsDocumentId ? null : (target?.hash ?? null));
  const status = effectiveStatus(record, recordedStatus(await ctx.store.certificates.events(record.number)), now);
  const result: Verification = { number: record.number, integrity, issuer: assessment.issuer, status, log: await logInclusion(ctx, record), reasons, checkedAt };
  if (status !== 'valid') reasons.push(`the certificate is ${status}`);
  if (target?.customsDocumentId) result.customsDocument = await verifyCustomsDocument(ctx, record, target.customsDocumentId, target.hash, now);
  if (hasShipment(request.shipment)) {
    const product = integrity === 'valid' ? productOfCredential(assessment.credential) : null;
    result.scope = product ? checkScope(product, status, request.shipment) : { within: 'unknown', checks: [] };
  }
  return result;
}
