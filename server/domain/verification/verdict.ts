/**
 * The one place where a verification's checks become a verdict. Pure: equal checks give equal verdicts.
 *
 * Rules, in order of weight:
 * - `foreign`: the QR payload points at another origin than this registry's PUBLIC_BASE_URL, whatever else holds.
 * - `invalid`: something was proven wrong: no such certificate number (malformed, wrong check digit, not
 *   issued here), a broken signature or hash, a key not of the named issuer, a status other than valid
 *   (suspended, revoked, expired, or so reported when the file was saved), a log proof that does not hold,
 *   a customs document that does not check out, a shipment outside the certificate.
 * - `unknown`: nothing was proven wrong but something could not be established (an unknown key, the log,
 *   and offline the current status when the bundle is missing, stale or not pinned: without a fresh, trusted
 *   status source there is no way to know a revocation).
 * - `valid`: integrity valid, issuer recognised, status valid, and the log inclusion holds where it was checked.
 * Only `valid` is a yes; the CLI exits 0 for it alone.
 */
export type Verdict = 'valid' | 'invalid' | 'unknown' | 'foreign';

/** Stable codes of what stands between a verification and a `valid` verdict. */
export type ReasonCode =
  | 'malformed_number' | 'bad_check_digit' | 'not_found' | 'not_a_verification_url' | 'foreign_origin'
  | 'integrity_invalid' | 'integrity_unverifiable' | 'issuer_not_recognised' | 'issuer_unknown'
  | 'status_suspended' | 'status_revoked' | 'status_expired' | 'status_unknown' | 'status_unknown_offline' | 'reported_status'
  | 'log_not_included' | 'log_unknown' | 'checkpoint_invalid'
  | 'customs_document_invalid' | 'customs_document_unverifiable' | 'customs_document_expired'
  | 'out_of_scope' | 'scope_unknown'
  | 'bundle_invalid' | 'bundle_stale' | 'bundle_unpinned';

/** One reason, with its stable code and a sentence for people. */
export interface VerdictReason {
  code: ReasonCode;
  message: string;
}

/** The verdict and every reason it is not `valid` (empty when it is). */
export interface VerdictResult {
  verdict: Verdict;
  reasons: VerdictReason[];
}

const weightOf: Record<ReasonCode, Exclude<Verdict, 'valid'>> = {
  malformed_number: 'invalid', bad_check_digit: 'invalid', not_found: 'invalid', not_a_verification_url: 'invalid', foreign_origin: 'foreign',
  integrity_invalid: 'invalid', integrity_unverifiable: 'unknown', issuer_not_recognised: 'invalid', issuer_unknown: 'unknown',
  status_suspended: 'invalid', status_revoked: 'invalid', status_expired: 'invalid', status_unknown: 'unknown', status_unknown_offline: 'unknown',
  reported_status: 'invalid', log_not_included: 'invalid', log_unknown: 'unknown', checkpoint_invalid: 'invalid',
  customs_document_invalid: 'invalid', customs_document_unverifiable: 'unknown', customs_document_expired: 'invalid',
  out_of_scope: 'invalid', scope_unknown: 'unknown',
  bundle_invalid: 'invalid', bundle_stale: 'unknown', bundle_unpinned: 'unknown',
};

/** What the checks found. Fields left out were not checked and weigh nothing. */
export interface VerdictInput {
  mode: 'online' | 'offline';
  /** Reasons found before the credential could be checked (number, QR payload, origin). */
  early?: VerdictReason[];
  integrity?: 'valid' | 'invalid' | 'unverifiable';
  issuer?: 'recognised' | 'not_recognised' | 'unknown';
  status?: 'valid' | 'suspended' | 'revoked' | 'expired' | 'unknown';
  /** Offline: the unsigned status saved with the file; it can deny validity, never grant it. */
  reportedStatus?: string | null;
  /** `unverifiable` (offline, no proof or checkpoint) counts as not checked. */
  log?: 'included' | 'not_included' | 'unknown' | 'unverifiable';
  checkpoint?: 'valid' | 'invalid' | 'unverifiable';
  customsDocument?: { integrity: 'valid' | 'invalid' | 'unverifiable'; expired: boolean | null };
  /** Whether a declared shipment is within the certificate. */
  scope?: boolean | 'unknown';
  /** What the checks said in words, used as the message of the matching reason. */
  notes?: { integrity?: string[]; issuer?: string[]; status?: string[]; log?: string[]; scope?: string[] };
  /** Offline: the bundle the keys and status came from — refused, too old, or not the pinned log's. */
  bundle?: { problem: string | null; stale: boolean; ageHours: number; maxAgeHours: number; pinned: boolean };
}

const said = (notes: string[] | undefined, fallback: string) => (notes?.length ? notes.join('; ') : fallback);

function credentialReasons(input: VerdictInput): VerdictReason[] {
  const reasons: VerdictReason[] = [];
  if (input.integrity === 'invalid') reasons.push({ code: 'integrity_invalid', message: said(input.notes?.integrity, 'the credential does not match its signature') });
  if (input.integrity === 'unverifiable') reasons.push({ code: 'integrity_unverifiable', message: said(input.notes?.integrity, 'the signature could not be checked') });
  if (input.issuer === 'not_recognised') reasons.push({ code: 'issuer_not_recognised', message: said(input.notes?.issuer, 'the signing key does not belong to the named issuer') });
  if (input.issuer === 'unknown' && input.integrity === 'valid') reasons.push({ code: 'issuer_unknown', message: 'the issuer could not be established' });
  return reasons;
}

function statusReasons({ mode, status, reportedStatus, notes }: VerdictInput): VerdictReason[] {
  const reasons: VerdictReason[] = [];
  if (status === 'suspended' || status === 'revoked' || status === 'expired') reasons.push({ code: `status_${status}`, message: `the certificate is ${status}` });
  if (status === 'unknown' && mode === 'offline') {
    reasons.push({ code: 'status_unknown_offline', message: said(notes?.status, 'status unknown offline: no fresh status source proves the certificate is not suspended or revoked') });
  } else if (status === 'unknown') reasons.push({ code: 'status_unknown', message: said(notes?.status, 'the current status could not be established') });
  if (reportedStatus && reportedStatus !== 'valid' && reportedStatus !== status) {
    reasons.push({ code: 'reported_status', message: `the registry reported the certificate as ${reportedStatus} when the file was saved` });
  }
  return reasons;
}

function evidenceReasons({ log, checkpoint, customsDocument, scope, notes }: VerdictInput): VerdictReason[] {
  const reasons: VerdictReason[] = [];
  if (checkpoint === 'invalid') reasons.push({ code: 'checkpoint_invalid', message: 'the checkpoint signature does not verify' });
  if (log === 'not_included') reasons.push({ code: 'log_not_included', message: said(notes?.log, 'the issuance is not in the transparency log with this credential') });
  if (log === 'unknown') reasons.push({ code: 'log_unknown', message: 'the log inclusion could not be established' });
  if (customsDocument?.integrity === 'invalid') reasons.push({ code: 'customs_document_invalid', message: 'the customs document does not match its signature or the QR hash' });
  if (customsDocument?.integrity === 'unverifiable') reasons.push({ code: 'customs_document_unverifiable', message: 'no such customs document for this certificate, or its key is unknown' });
  if (customsDocument?.expired) reasons.push({ code: 'customs_document_expired', message: 'the customs document has expired' });
  if (scope === false) reasons.push({ code: 'out_of_scope', message: said(notes?.scope, 'the declared shipment is outside the certificate') });
  if (scope === 'unknown') reasons.push({ code: 'scope_unknown', message: 'the shipment could not be compared with the certificate' });
  return reasons;
}

function bundleReasons({ bundle }: VerdictInput): VerdictReason[] {
  if (!bundle) return [];
  if (bundle.problem) return [{ code: 'bundle_invalid', message: bundle.problem }];
  const reasons: VerdictReason[] = [];
  const age = `${bundle.ageHours.toFixed(1)} hours old`;
  if (bundle.stale) reasons.push({ code: 'bundle_stale', message: `stale: the bundle is ${age}, past the ${bundle.maxAgeHours}-hour limit; fetch a new one` });
  if (!bundle.pinned) reasons.push({ code: 'bundle_unpinned', message: 'the bundle\'s log key was not pinned (--log-key), so nothing shows the bundle is the registry\'s' });
  return reasons;
}

/** The verdict of a verification: the heaviest reason decides (foreign, then invalid, then unknown); none means valid. */
export function decideVerdict(input: VerdictInput): VerdictResult {
  const reasons = [...(input.early ?? []), ...bundleReasons(input), ...credentialReasons(input), ...statusReasons(input), ...evidenceReasons(input)];
  const proven = input.integrity === 'valid' && input.issuer === 'recognised' && input.status === 'valid';
  // Valid is never the default: checks that were left out cannot add up to a yes.
  if (reasons.length === 0 && !proven) reasons.push({ code: 'integrity_unverifiable', message: 'the credential was not checked' });
  const weights = new Set(reasons.map((reason) => weightOf[reason.code]));
  const verdict: Verdict = weights.has('foreign') ? 'foreign' : weights.has('invalid') ? 'invalid' : weights.has('unknown') ? 'unknown' : 'valid';
  return { verdict, reasons };
}
