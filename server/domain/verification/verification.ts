import type { CertificateEventRecord, CertificateRecord } from '../../store/port.ts';
import { fromHex } from '../ledger/log-entry.ts';
import { verifyInclusion } from '../ledger/merkle.ts';
import { inclusionProof } from '../ledger/transparency-log.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { assessCredentialJws, type CredentialAssessment, type IntegrityResult, type IssuerResult } from '../credentials/credential-check.ts';
import { readCertificate } from '../credentials/credential-reading.ts';
import { registryKeyResolver } from '../identities/key-resolution.ts';
import { checkScope, type ScopeResult, type ShipmentDeclaration } from '../customs/scope.ts';
import type { EffectiveStatus } from '../certificates/status.ts';
import { listedStatus } from '../status-lists/listed-status.ts';
import { parseVerificationUrl, type VerificationTarget } from './verification-url.ts';
import { verifyCustomsDocument, type CustomsDocumentCheck } from '../customs/customs-verification.ts';
import { certificateFactsOf, type CertificateFacts } from './certificate-facts.ts';
import { numberProblem } from './number-check.ts';
import { assessRegisteredCredential, decodedCredentialOf } from './verification-cache.ts';
import { foreignOrigin } from './qr-origin.ts';
import { decideVerdict, type Verdict, type VerdictInput, type VerdictReason } from './verdict.ts';

/** What to verify: a number, a compact JWS, or a QR payload; optionally a shipment to check against the scope. */
export interface VerifyRequest {
  number?: string;
  jws?: string;
  qr?: string;
  shipment?: ShipmentDeclaration;
}

/**
 * One verdict (see server/domain/verification/verdict.ts) with every reason it is not `valid`; the separate
 * answers behind it (integrity, issuer, status, log inclusion, and the scope when a shipment was given); and,
 * once integrity is valid, what the signed certificate says (product identity, validity, issuer, holder).
 */
export interface Verification {
  verdict: Verdict;
  reasons: VerdictReason[];
  number: string | null;
  integrity: IntegrityResult;
  issuer: IssuerResult;
  status: EffectiveStatus | 'unknown';
  log: 'included' | 'not_included' | 'unknown';
  scope?: ScopeResult | { within: 'unknown'; checks: [] };
  customsDocument?: CustomsDocumentCheck;
  certificate: CertificateFacts | null;
  checkedAt: string;
}

type Checks = Omit<Verification, 'verdict' | 'reasons'>;

/** The answer with its verdict: the checks, plus what was found before them and what they said in words. */
function withVerdict(checks: Checks, early: VerdictReason[], notes: VerdictInput['notes'] = {}): Verification {
  // The status check inside the scope is weighed as the status; the scope reason is about the goods alone.
  const goods = checks.scope?.within === 'unknown' ? [] : (checks.scope?.checks ?? []).filter((check) => check.field !== 'status' && check.result === 'mismatch');
  const scope = checks.scope ? (checks.scope.within === 'unknown' ? 'unknown' : goods.length === 0) : undefined;
  const { verdict, reasons } = decideVerdict({
    mode: 'online', early, integrity: checks.integrity, issuer: checks.issuer, status: checks.status, log: checks.log,
    notes: { ...notes, scope: goods.map((check) => check.reason ?? `${check.field} ${check.given} does not match`) },
    ...(checks.customsDocument ? { customsDocument: checks.customsDocument } : {}), ...(scope !== undefined ? { scope } : {}),
  });
  return { verdict, reasons, ...checks };
}

const unchecked = (number: string | null, checkedAt: string): Checks => ({
  number, integrity: 'unverifiable', issuer: 'unknown', status: 'unknown', log: 'unknown', certificate: null, checkedAt,
});

/** What is wrong with the request itself: a QR that is not ours or not a verification URL, a number that cannot exist. */
function presentedProblems(publicBaseUrl: string, request: VerifyRequest, target: VerificationTarget | null, number: string | null): VerdictReason[] {
  const reasons: VerdictReason[] = [];
  if (request.qr !== undefined && !target) reasons.push({ code: 'not_a_verification_url', message: 'the QR payload is not a registry verification URL' });
  const foreign = request.qr !== undefined ? foreignOrigin(request.qr, publicBaseUrl) : null;
  if (foreign) reasons.push({ code: 'foreign_origin', message: `the QR code points to ${foreign}, not to this registry (${publicBaseUrl})` });
  const problem = number !== null ? numberProblem(number) : null;
  if (problem) reasons.push(problem);
  return reasons;
}

/** Whether the certificate's issuance leaf is in the log with this credential hash, proven against the current root. */
async function logInclusion(ctx: CertificatesContext, record: CertificateRecord, events: CertificateEventRecord[]): Promise<Verification['log']> {
  const issued = events.find((event) => event.action === 'issued');
  if (!issued) return 'not_included';
  const [leaf] = await ctx.store.transparencyLog.leaves(issued.leafIndex, issued.leafIndex + 1);
  if (!leaf || (JSON.parse(leaf.entry) as { credentialHash?: string }).credentialHash !== record.credentialHash) return 'not_included';
  const proof = await inclusionProof(ctx.store.transparencyLog, issued.leafIndex);
  const ok = verifyInclusion(proof.leafIndex, proof.treeSize, fromHex(leaf.leafHash), proof.path.map(fromHex), fromHex(proof.rootHash));
  return ok ? 'included' : 'not_included';
}

function productOfCredential(credential: Record<string, unknown> | null) {
  const product = readCertificate(credential).product;
  return product ? { model: product.model, hsCode: product.hsCode, variants: product.variants } : null;
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
 * Verifies a certificate against this registry and gives one verdict. A number that cannot exist (malformed,
 * wrong check digit) is not looked up; a QR payload from another origin is `foreign` even when its number exists here.
 */
export async function verifyCertificate(ctx: CertificatesContext, request: VerifyRequest): Promise<Verification> {
  const now = ctx.now();
  const checkedAt = now.toISOString();
  const target = request.qr !== undefined ? parseVerificationUrl(request.qr) : null;
  const lookup = registryKeyResolver(ctx.store.signingKeys, ctx.publicBaseUrl);
  const given = request.jws !== undefined ? await assessCredentialJws(request.jws, lookup) : null;
  const number = given?.number ?? target?.number ?? request.number ?? null;
  const early = presentedProblems(ctx.publicBaseUrl, request, target, number);
  if (early.some((reason) => reason.code !== 'foreign_origin')) return withVerdict(unchecked(number, checkedAt), early);
  const record = number ? await ctx.store.certificates.get(number) : null;
  if (!record) {
    const notFound: VerdictReason = { code: 'not_found', message: `no certificate ${number ?? '(no number)'} in this registry` };
    const checks = given ? { ...unchecked(number, checkedAt), integrity: given.integrity, issuer: given.issuer } : unchecked(number, checkedAt);
    return withVerdict(checks, [...early, notFound], given ? { integrity: given.reasons } : {});
  }
  // The registered credential's signature is assessed once per credential hash and key state (verification-cache.ts).
  const assessment = given ?? (await assessRegisteredCredential(ctx.store, record, lookup));
  const { integrity, reasons } = integrityAgainstRecord(assessment, record, target?.customsDocumentId ? null : (target?.hash ?? null));
  // Status is read fresh: the events once, and the authority's signed status lists cross-checked with them.
  const events = await ctx.store.certificates.events(record.number);
  const { status, problem: statusProblem } = await listedStatus(ctx, record, now, { events, credential: decodedCredentialOf(ctx.store, record) });
  const certificate = integrity === 'valid' ? certificateFactsOf(assessment.credential) : null;
  const result: Checks = { number: record.number, integrity, issuer: assessment.issuer, status, log: await logInclusion(ctx, record, events), certificate, checkedAt };
  if (target?.customsDocumentId) result.customsDocument = await verifyCustomsDocument(ctx, record, target.customsDocumentId, target.hash, now);
  if (hasShipment(request.shipment)) {
    const product = integrity === 'valid' ? productOfCredential(assessment.credential) : null;
    result.scope = product ? checkScope(product, status, request.shipment) : { within: 'unknown', checks: [] };
  }
  return withVerdict(result, early, { ...(integrity === 'valid' ? { issuer: reasons } : { integrity: reasons }), ...(statusProblem ? { status: [statusProblem] } : {}) });
}
