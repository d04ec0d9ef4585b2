import type { SigningKeyRecord } from '../../store/port.ts';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { rootAt } from './transparency-log.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { activeLogKey, signCompact } from '../credentials/signing-keys.ts';

/** The newest active credential key of each jurisdiction: the checkpoint's co-signers. */
function cosignersOf(keys: SigningKeyRecord[]): SigningKeyRecord[] {
  const newest = new Map<string, SigningKeyRecord>();
  for (const key of keys) {
    if (key.purpose === 'credential' && !key.retiredAt && key.jurisdiction) newest.set(key.jurisdiction, key);
  }
  return [...newest.values()].sort((a, b) => String(a.jurisdiction).localeCompare(String(b.jurisdiction)));
}

/** The log's origin: its public URL. */
export function logOrigin(ctx: Pick<CertificatesContext, 'publicBaseUrl'>): string {
  return `${ctx.publicBaseUrl}/api/v1/log`;
}

/**
 * The current checkpoint, signed by the log key (created on first use) and co-signed by the newest key of
 * each jurisdiction's authorities. Signed fresh on each call (Ed25519 signing is cheap).
 */
export async function currentCheckpoint(ctx: CertificatesContext): Promise<SignedCheckpoint> {
  const now = ctx.now().toISOString();
  const logKey = (await ctx.store.signingKeys.active('log', null)) ?? (await ctx.store.transaction((tx) => activeLogKey(tx, ctx.vault, now)));
  const treeSize = await ctx.store.transparencyLog.size();
  const checkpoint = { origin: logOrigin(ctx), treeSize, rootHash: await rootAt(ctx.store.transparencyLog, treeSize), timestamp: now };
  const sign = (key: SigningKeyRecord, payload: Uint8Array, typ: string) => signCompact(ctx.vault, key, payload, typ);
  return signCheckpoint(checkpoint, logKey, cosignersOf(await ctx.store.signingKeys.list()), sign);
}
