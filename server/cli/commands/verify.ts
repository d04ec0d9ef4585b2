import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCertificatesContext } from '../../domain/certificates/context.ts';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { verifyOffline } from '../../domain/verification/offline-verification.ts';
import { verifyCertificate } from '../../domain/verification/verification.ts';
import type { SignedCheckpoint } from '../../domain/ledger/checkpoint.ts';
import type { CertificateFacts } from '../../domain/verification/certificate-facts.ts';
import type { Verdict, VerdictReason } from '../../domain/verification/verdict.ts';
import { UsageError, type CliContext, type CliOutput } from '../cli-context.ts';
import { readJsonFile } from '../json-file.ts';

const usage = 'usage: registry verify FILE|NUMBER [--offline --jwks JWKS.json [--checkpoint CHECKPOINT.json]]';

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

const options = { offline: { type: 'boolean' }, jwks: { type: 'string' }, checkpoint: { type: 'string' } } as const;

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

/**
 * `registry verify FILE --offline --jwks F [--checkpoint F]`: verifies from the files alone; never reads the
 * config, never creates or opens a data directory. Offline the status is unknown, so it exits 1 at best.
 */
export async function verifyOfflineCommand(args: string[], out: CliOutput): Promise<number> {
  const { values, target } = parse(args);
  if (!values.jwks) throw new UsageError(`--offline needs --jwks\n${usage}`);
  if (!existsSync(target)) throw new UsageError(`--offline needs a FILE, not a number\n${usage}`);
  const file = readCertificateFile(target);
  const checkpoint = values.checkpoint ? (readJsonFile(values.checkpoint) as SignedCheckpoint) : file.checkpoint;
  return report(out, await verifyOffline({
    jws: file.jws, jwks: readJsonFile(values.jwks) as { keys?: unknown }, now: new Date(),
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
