import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCertificatesContext } from '../../domain/certificates/context.ts';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { verifyOffline } from '../../domain/verification/offline-verification.ts';
import { bundleFreshnessHours, openOfflineBundle } from '../../domain/verification/offline-bundle.ts';
import { verifyCertificate } from '../../domain/verification/verification.ts';
import { checkpointFromNote, type SignedCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { CertificateFacts } from '../../domain/verification/certificate-facts.ts';
import type { Verdict, VerdictReason } from '../../domain/verification/verdict.ts';
import { UsageError, type CliContext, type CliOutput } from '../cli-context.ts';
import { readJsonFile } from '../json-file.ts';

const usage = 'usage: registry verify FILE|NUMBER [--offline --bundle BUNDLE.jws [--log-key VKEY] [--max-age-hours H] [--checkpoint CHECKPOINT]]';

/** What a FILE holds: a bare compact JWS, {jws}, or the JSON of GET /api/v1/certificates/{number}. */
interface CertificateFile {
  jws: string;
  inclusionProof?: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; entry: string };
  checkpoint?: SignedCheckpoint;
  status?: string;
}

function readCertificateFile(path: string): CertificateFile {
  const text = readFileSync(path, 'utf8').trim();
  if (!text.startsWith('{')) return { jws: text };
  const json = readJsonFile(path) as Partial<CertificateFile>;
  if (typeof json.jws !== 'string') throw new UsageError(`${path} has no "jws"`);
  return json as CertificateFile;
}

/**
 * A checkpoint file: the C2SP signed note as GET /api/v1/log/checkpoint serves it, or the `checkpoint` object of
 * GET /api/v1/certificates/{number} (JSON with the note). Either is verified from its note alone.
 */
function readCheckpointFile(path: string): SignedCheckpoint {
  const text = readFileSync(path, 'utf8');
  if (text.trimStart().startsWith('{')) return readJsonFile(path) as SignedCheckpoint;
  const checkpoint = checkpointFromNote(text);
  if (!checkpoint) throw new UsageError(`${path} is neither a checkpoint note nor a checkpoint JSON object`);
  return checkpoint;
}

const options = { offline: { type: 'boolean' }, bundle: { type: 'string' }, 'log-key': { type: 'string' }, 'max-age-hours': { type: 'string' }, checkpoint: { type: 'string' } } as const;

function parse(args: string[]) {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(usage);
  return { values, target: positionals[0]! };
}

/** The answer as JSON on stdout, the verdict on one line on stderr; exit 0 for a `valid` verdict alone. */
function report(out: CliOutput, answer: { verdict: Verdict; reasons: VerdictReason[]; number: string | null; certificate: CertificateFacts | null }): number {
  out.print(JSON.stringify(answer, null, 2));
  const product = answer.certificate ? ` · ${answer.certificate.product.model} (HS ${answer.certificate.product.hsCode}) until ${answer.certificate.validUntil ?? '?'}` : '';
  const why = answer.reasons.length ? `: ${answer.reasons.map((reason) => reason.message).join('; ')}` : '';
  out.warn(`${answer.verdict} ${answer.number ?? '(no number)'}${product}${why}`);
  return answer.verdict === 'valid' ? 0 : 1;
}

/** Whether the arguments ask for offline verification (which must never open the store). */
export function offlineRequested(args: string[]): boolean {
  return args.includes('--offline');
}

/** --max-age-hours: a positive number no larger than the README's limit (a post may be stricter, never looser). */
function maxAgeOf(value: string | undefined): number {
  if (value === undefined) return bundleFreshnessHours;
  const hours = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || hours <= 0 || hours > bundleFreshnessHours) throw new UsageError(`--max-age-hours must be a number of hours above 0 and at most ${bundleFreshnessHours}`);
  return hours;
}

/**
 * `registry verify FILE --offline --bundle F [--log-key VKEY] [--max-age-hours H] [--checkpoint F]`: verifies
 * from the files alone, never reading the config nor opening a data directory. The bundle (registry bundle, or GET
 * /api/v1/bundle) gives the DID documents and signed status lists; the log key it is signed with is pinned with
 * --log-key (or REGISTRY_LOG_KEY). A bundle older than the limit gives "stale" and exit 1.
 */
export async function verifyOfflineCommand(args: string[], out: CliOutput): Promise<number> {
  const { values, target } = parse(args);
  if (!values.bundle) throw new UsageError(`--offline needs --bundle\n${usage}`);
  if (!existsSync(target)) throw new UsageError(`--offline needs a FILE, not a number\n${usage}`);
  if (!existsSync(values.bundle)) throw new UsageError(`no bundle file ${values.bundle}`);
  const file = readCertificateFile(target);
  const checkpoint = values.checkpoint ? readCheckpointFile(values.checkpoint) : file.checkpoint;
  const now = new Date();
  const logKey = values['log-key'] ?? process.env.REGISTRY_LOG_KEY;
  const bundle = await openOfflineBundle(readFileSync(values.bundle, 'utf8'), now, { maxAgeHours: maxAgeOf(values['max-age-hours']), ...(logKey ? { logVerifierKey: logKey.trim() } : {}) });
  return report(out, await verifyOffline({
    jws: file.jws, bundle, now,
    ...(file.inclusionProof ? { inclusionProof: file.inclusionProof } : {}), ...(checkpoint ? { checkpoint } : {}), ...(file.status ? { reportedStatus: file.status } : {}),
  }));
}

/**
 * `registry verify FILE|NUMBER`: verifies against the registry's store (with `--offline`, see
 * verifyOfflineCommand). Prints the answer as JSON and the verdict on one line; exit 0 only for `valid`.
 */
export async function verifyCommand(ctx: CliContext, args: string[]): Promise<number> {
  if (offlineRequested(args)) return verifyOfflineCommand(args, ctx);
  const { target } = parse(args);
  const file = existsSync(target) ? readCertificateFile(target) : null;
  const certificates = createCertificatesContext({ store: ctx.store, vault: fileKeyVault(keysDirOf(ctx.config.dataDir)), publicBaseUrl: ctx.config.publicBaseUrl });
  return report(ctx, await verifyCertificate(certificates, file ? { jws: file.jws } : { number: target }));
}
