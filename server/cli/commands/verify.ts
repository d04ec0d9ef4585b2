import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCertificatesContext } from '../../domain/certificates/context.ts';
import { fileKeyVault, keysDirOf } from '../../domain/certificates/key-vault.ts';
import { verifyOffline } from '../../domain/certificates/offline-verification.ts';
import { verifyCertificate } from '../../domain/certificates/verification.ts';
import type { SignedCheckpoint } from '../../domain/ledger/checkpoint.ts';
import { UsageError, type CliContext } from '../cli-context.ts';

const usage = 'usage: registry verify FILE|NUMBER [--offline --jwks JWKS.json [--checkpoint CHECKPOINT.json]]';

/** What a FILE holds: a bare compact JWS, {jws}, or the JSON of GET /api/v1/certificates/{number}. */
interface CertificateFile {
  jws: string;
  inclusionProof?: { leafIndex: number; treeSize: number; leafHash: string; path: string[]; entry: string };
  checkpoint?: SignedCheckpoint;
  status?: string;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

function readCertificateFile(path: string): CertificateFile {
  const text = readFileSync(path, 'utf8').trim();
  if (!text.startsWith('{')) return { jws: text };
  const json = readJson(path) as Partial<CertificateFile>;
  if (typeof json.jws !== 'string') throw new UsageError(`${path} has no "jws"`);
  return json as CertificateFile;
}

async function offline(file: CertificateFile, values: { jwks?: string; checkpoint?: string }) {
  if (!values.jwks) throw new UsageError(`--offline needs --jwks\n${usage}`);
  const checkpoint = values.checkpoint ? (readJson(values.checkpoint) as SignedCheckpoint) : file.checkpoint;
  const result = await verifyOffline({
    jws: file.jws, jwks: readJson(values.jwks) as { keys?: unknown }, now: new Date(),
    ...(file.inclusionProof ? { inclusionProof: file.inclusionProof } : {}), ...(checkpoint ? { checkpoint } : {}), ...(file.status ? { reportedStatus: file.status } : {}),
  });
  const ok = result.integrity === 'valid' && result.issuer === 'recognised' && result.status !== 'expired' && result.log !== 'not_included' && result.checkpoint !== 'invalid';
  return { result, ok };
}

/**
 * `registry verify FILE|NUMBER`: verifies against the registry's store; with `--offline --jwks F
 * [--checkpoint F]`, from the files alone. Prints the result as JSON; exit 0 when it checks out, 1 when not.
 */
export async function verifyCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { offline: { type: 'boolean' }, jwks: { type: 'string' }, checkpoint: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(usage);
  const target = positionals[0]!;
  const file = existsSync(target) ? readCertificateFile(target) : null;
  if (values.offline) {
    if (!file) throw new UsageError(`--offline needs a FILE, not a number\n${usage}`);
    const { result, ok } = await offline(file, values);
    ctx.print(JSON.stringify(result, null, 2));
    return ok ? 0 : 1;
  }
  const certificates = createCertificatesContext({ store: ctx.store, vault: fileKeyVault(keysDirOf(ctx.config.dataDir)), publicBaseUrl: ctx.config.publicBaseUrl });
  const result = await verifyCertificate(certificates, file ? { jws: file.jws } : { number: target });
  ctx.print(JSON.stringify(result, null, 2));
  return result.integrity === 'valid' && result.issuer === 'recognised' && result.status === 'valid' ? 0 : 1;
}
