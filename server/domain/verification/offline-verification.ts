import { canonicalJson } from '../canonical-json.ts';
import { checkpointOf, type SignedCheckpoint } from '../ledger/checkpoint.ts';
import { entryLeafHash, fromHex, type LogEntry } from '../ledger/log-entry.ts';
import { verifyInclusion } from '../ledger/merkle.ts';
import { assessCredentialJws, jwkSetLookup, type IntegrityResult, type IssuerResult } from '../credentials/credential-check.ts';
import { decodeJws, signatureVerifies } from '../credentials/jws.ts';
import { certificateFactsOf, type CertificateFacts } from './certificate-facts.ts';
import { numberProblem } from './number-check.ts';
import { decideVerdict, type Verdict, type VerdictReason } from './verdict.ts';

/** What an offline verifier has: the credential, and optionally its log proof and a checkpoint, plus the JWK Set. */
export interface OfflineEvidence {
  jws: string;
  jwks: { keys?: unknown };
  /** The inclusion proof of the issuance leaf, as GET /api/v1/certificates/{number} gives it. */
  inclusionProof?: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; entry: string };
  checkpoint?: SignedCheckpoint;
  /** The status the registry reported when the file was fetched (not signed; shown, never trusted). */
  reportedStatus?: string;
  now: Date;
}

/**
 * An offline verification: integrity, issuer and log from the files alone; status only as far as dates tell.
 * Its verdict is never `valid` while the current status is unknown: there is no fresh, signed status source
 * offline yet, so the best an offline answer can say is `unknown` (status unknown offline). It can prove a
 * certificate `invalid` (signature, issuer, expiry, a reported suspension or revocation, a broken log proof).
 */
export interface OfflineVerification {
  verdict: Verdict;
  reasons: VerdictReason[];
  number: string | null;
  integrity: IntegrityResult;
  issuer: IssuerResult;
  /** Offline, only expiry can be known; anything else needs the registry. */
  status: 'expired' | 'unknown';
  reportedStatus: string | null;
  log: 'included' | 'not_included' | 'unverifiable';
  checkpoint: 'valid' | 'invalid' | 'unverifiable';
  /** What the signed credential says (product identity, validity, issuer, holder), once integrity is valid. */
  certificate: CertificateFacts | null;
  checkedAt: string;
}

/** The log key's signature over the checkpoint's canonical JSON, checked against the JWK Set. */
async function checkpointSignature(checkpoint: SignedCheckpoint, jwks: { keys?: unknown }): Promise<OfflineVerification['checkpoint']> {
  const key = await jwkSetLookup(jwks)(checkpoint.signature?.kid ?? '');
  if (!key || key.purpose !== 'log') return 'unverifiable';
  const decoded = decodeJws(checkpoint.signature.jws);
  const signedText = decoded ? new TextDecoder().decode(decoded.payload) : '';
  if (signedText !== canonicalJson(checkpointOf(checkpoint))) return 'invalid';
  return (await signatureVerifies(checkpoint.signature.jws, key.publicJwk)) ? 'valid' : 'invalid';
}

function logInclusion(evidence: OfflineEvidence, credentialHash: string | null, reasons: string[]): OfflineVerification['log'] {
  const proof = evidence.inclusionProof;
  if (!proof || !evidence.checkpoint) return 'unverifiable';
  if (proof.treeSize !== evidence.checkpoint.treeSize) {
    reasons.push(`the proof is for tree size ${proof.treeSize}, the checkpoint for ${evidence.checkpoint.treeSize}`);
    return 'unverifiable';
  }
  const entry = JSON.parse(proof.entry) as LogEntry;
  const bound = entry.credentialHash === credentialHash && entryLeafHash(proof.entry) === proof.leafHash;
  const proven = verifyInclusion(proof.leafIndex, proof.treeSize, fromHex(proof.leafHash), proof.path.map(fromHex), fromHex(evidence.checkpoint.rootHash));
  if (!bound || !proven) reasons.push('the log proof does not lead from this credential to the checkpoint root');
  return bound && proven ? 'included' : 'not_included';
}

/**
 * Verifies from files alone (no registry, no data directory): the signature against the JWK Set, the issuer
 * key, the checkpoint's log-key signature, and the issuance leaf's inclusion under the checkpoint root.
 */
export async function verifyOffline(evidence: OfflineEvidence): Promise<OfflineVerification> {
  const assessment = await assessCredentialJws(evidence.jws, jwkSetLookup(evidence.jwks));
  const validUntil = (assessment.credential as { validUntil?: string } | null)?.validUntil;
  const expired = assessment.integrity === 'valid' && typeof validUntil === 'string' && Date.parse(validUntil) <= evidence.now.getTime();
  const checkpoint = evidence.checkpoint ? await checkpointSignature(evidence.checkpoint, evidence.jwks) : 'unverifiable';
  const logNotes: string[] = [];
  const log = checkpoint === 'valid' ? logInclusion(evidence, assessment.credentialHash, logNotes) : 'unverifiable';
  const status = expired ? 'expired' : 'unknown';
  const reportedStatus = evidence.reportedStatus ?? null;
  const problem = assessment.number !== null ? numberProblem(assessment.number) : null;
  const { verdict, reasons } = decideVerdict({
    mode: 'offline', early: problem ? [problem] : [], integrity: assessment.integrity, issuer: assessment.issuer, status, reportedStatus, log, checkpoint,
    notes: { [assessment.integrity === 'valid' ? 'issuer' : 'integrity']: assessment.reasons, log: logNotes },
  });
  return {
    verdict, reasons, number: assessment.number, integrity: assessment.integrity, issuer: assessment.issuer, status, reportedStatus, log, checkpoint,
    certificate: assessment.integrity === 'valid' ? certificateFactsOf(assessment.credential) : null, checkedAt: evidence.now.toISOString(),
  };
}
