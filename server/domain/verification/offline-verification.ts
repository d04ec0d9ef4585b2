import type { SignedCheckpoint } from '../ledger/checkpoint.ts';
import { logKeysFromDidDocuments, verifyCheckpointOffline } from '../ledger/offline-checkpoint.ts';
import { entryLeafHash, fromHex, type LogEntry } from '../ledger/log-entry.ts';
import { verifyInclusion } from '../ledger/merkle.ts';
import { assessCredentialJws, type IntegrityResult, type IssuerResult } from '../credentials/credential-check.ts';
import { didDocumentResolver } from '../identities/key-resolution.ts';
import { statusEntriesOf, statusFromList } from '../status-lists/status-check.ts';
import { certificateFactsOf, type CertificateFacts } from './certificate-facts.ts';
import { numberProblem } from './number-check.ts';
import type { OpenedBundle } from './offline-bundle.ts';
import { decideVerdict, type Verdict, type VerdictReason } from './verdict.ts';

/** What an offline verifier has: the credential (with, optionally, its log proof and checkpoint) and the opened bundle. */
export interface OfflineEvidence {
  jws: string;
  /** The bundle the keys and status lists come from, or why it was refused. */
  bundle: { opened: OpenedBundle } | { problem: string };
  /** The inclusion proof of the issuance leaf, as GET /api/v1/certificates/{number} gives it. */
  inclusionProof?: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; entry: string };
  checkpoint?: SignedCheckpoint;
  /** The status the registry reported when the file was fetched (not signed; shown, never trusted). */
  reportedStatus?: string;
  now: Date;
}

/** An offline verification: like the registry's, with the bundle's age and trust stated. */
export interface OfflineVerification {
  verdict: Verdict;
  reasons: VerdictReason[];
  number: string | null;
  integrity: IntegrityResult;
  issuer: IssuerResult;
  /** From the bundle's signed status lists, as they stood when the bundle was made. */
  status: 'valid' | 'suspended' | 'revoked' | 'expired' | 'unknown';
  reportedStatus: string | null;
  log: 'included' | 'not_included' | 'unverifiable';
  checkpoint: 'valid' | 'invalid' | 'unverifiable';
  bundle: { createdAt: string | null; ageHours: number | null; maxAgeHours: number | null; stale: boolean | null; pinned: boolean; problem: string | null };
  /** What the signed credential says (product identity, validity, issuer, holder), once integrity is valid. */
  certificate: CertificateFacts | null;
  checkedAt: string;
}

function logInclusion(evidence: OfflineEvidence, credentialHash: string | null, reasons: string[]): OfflineVerification['log'] {
  const proof = evidence.inclusionProof;
  if (!proof || !evidence.checkpoint) return 'unverifiable';
  if (proof.treeSize !== evidence.checkpoint.treeSize) {
    reasons.push(`the proof is for tree size ${proof.treeSize}, the checkpoint for ${evidence.checkpoint.treeSize}`);
    return 'unverifiable';
  }
  const entry = JSON.parse(proof.entry) as LogEntry;
  const bound = 'credentialHash' in entry && entry.credentialHash === credentialHash && entryLeafHash(proof.entry) === proof.leafHash;
  const proven = verifyInclusion(proof.leafIndex, proof.treeSize, fromHex(proof.leafHash), proof.path.map(fromHex), fromHex(evidence.checkpoint.rootHash));
  if (!bound || !proven) reasons.push('the log proof does not lead from this credential to the checkpoint root');
  return bound && proven ? 'included' : 'not_included';
}

/**
 * The status the bundle's lists give the credential, as of the bundle's time: revoked or suspended when its bit is
 * set; valid only when every entry it carries was read from a list that verifies; otherwise unknown, saying why.
 */
async function listedStatus(credential: Record<string, unknown>, opened: OpenedBundle, notes: string[]): Promise<OfflineVerification['status']> {
  const entries = statusEntriesOf(credential);
  if (entries.length === 0) {
    notes.push('the credential carries no status list entry (issued before status lists): status unknown offline');
    return 'unknown';
  }
  const issuer = (credential.issuer as { id?: unknown } | undefined)?.id;
  const resolve = didDocumentResolver(opened.bundle.didDocuments);
  const asOf = new Date(opened.bundle.createdAt);
  let status: OfflineVerification['status'] = 'valid';
  for (const entry of entries) {
    const list = opened.bundle.statusLists.find((candidate) => candidate.url === entry.statusListCredential);
    if (!list || typeof issuer !== 'string') {
      notes.push(`the bundle has no status list ${entry.statusListCredential}`);
      return 'unknown';
    }
    const bit = await statusFromList(entry, list.jws, resolve, asOf, issuer);
    if ('problem' in bit) {
      notes.push(bit.problem);
      return 'unknown';
    }
    if (bit.set && entry.statusPurpose === 'revocation') return 'revoked';
    if (bit.set) status = 'suspended';
  }
  return status;
}

/**
 * Verifies from files alone (no registry, no data directory): the signature with the key the issuer's DID
 * document in the bundle lists (retired keys refused after their date), the status from the bundle's signed lists,
 * the certificate file's checkpoint and inclusion proof, and the bundle's own age and pinning.
 */
export async function verifyOffline(evidence: OfflineEvidence): Promise<OfflineVerification> {
  const opened = 'opened' in evidence.bundle ? evidence.bundle.opened : null;
  const bundleProblem = 'problem' in evidence.bundle ? evidence.bundle.problem : null;
  const assessment = await assessCredentialJws(evidence.jws, didDocumentResolver(opened?.bundle.didDocuments ?? []));
  const validUntil = (assessment.credential as { validUntil?: string } | null)?.validUntil;
  const expired = assessment.integrity === 'valid' && typeof validUntil === 'string' && Date.parse(validUntil) <= evidence.now.getTime();
  const statusNotes: string[] = [];
  const listed = opened && assessment.integrity === 'valid' && assessment.credential ? await listedStatus(assessment.credential, opened, statusNotes) : 'unknown';
  const status = listed === 'revoked' ? 'revoked' : expired ? 'expired' : listed;
  const checked = evidence.checkpoint && opened ? verifyCheckpointOffline(evidence.checkpoint, logKeysFromDidDocuments(opened.bundle.didDocuments)) : null;
  const checkpoint = checked?.result ?? 'unverifiable';
  const logNotes: string[] = checked?.reason && checkpoint === 'invalid' ? [checked.reason] : [];
  const log = checkpoint === 'valid' ? logInclusion(evidence, assessment.credentialHash, logNotes) : 'unverifiable';
  const reportedStatus = evidence.reportedStatus ?? null;
  const problem = assessment.number !== null ? numberProblem(assessment.number) : null;
  const bundle = opened
    ? { createdAt: opened.bundle.createdAt, ageHours: Math.round(opened.ageHours * 10) / 10, maxAgeHours: opened.maxAgeHours, stale: opened.stale, pinned: opened.pinned, problem: null }
    : { createdAt: null, ageHours: null, maxAgeHours: null, stale: null, pinned: false, problem: bundleProblem };
  const { verdict, reasons } = decideVerdict({
    mode: 'offline', early: problem ? [problem] : [], integrity: assessment.integrity, issuer: assessment.issuer, status, reportedStatus, log, checkpoint,
    bundle: opened ? { problem: null, stale: opened.stale, ageHours: opened.ageHours, maxAgeHours: opened.maxAgeHours, pinned: opened.pinned } : { problem: bundleProblem, stale: false, ageHours: 0, maxAgeHours: 0, pinned: false },
    notes: { [assessment.integrity === 'valid' ? 'issuer' : 'integrity']: assessment.reasons, status: statusNotes, log: logNotes },
  });
  return {
    verdict, reasons, number: assessment.number, integrity: assessment.integrity, issuer: assessment.issuer, status, reportedStatus, log, checkpoint, bundle,
    certificate: assessment.integrity === 'valid' ? certificateFactsOf(assessment.credential) : null, checkedAt: evidence.now.toISOString(),
  };
}
