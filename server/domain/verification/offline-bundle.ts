import type { CertificatesContext } from '../certificates/context.ts';
import { canonicalJson } from '../canonical-json.ts';
import { decodeJws, signatureVerifies } from '../credentials/jws.ts';
import { activeLogKey, keyIdOf, signCompact, signatureAlg } from '../credentials/signing-keys.ts';
import { allDidDocuments, type DidDocument } from '../identities/did-documents.ts';
import { didDocumentResolver } from '../identities/key-resolution.ts';
import { parseDidUrl } from '../identities/did-web.ts';
import type { SignedCheckpoint } from '../ledger/checkpoint.ts';
import { checkpointKeys, currentCheckpoint } from '../ledger/checkpoints.ts';
import { logKeysFromDidDocuments, verifyCheckpointOffline } from '../ledger/offline-checkpoint.ts';
import { publishedLists } from '../status-lists/served-lists.ts';

/** JOSE `typ` of an offline bundle. */
export const bundleType = 'irru-bundle+jwt';

/**
 * How old a bundle may be and still give a verdict (hours). A border post without a connection refreshes its
 * bundle at least every two days; an older one cannot show a revocation made since, so it is refused as stale.
 */
export const bundleFreshnessHours = 48;

/** What a border post takes offline: everything needed to verify a certificate except the certificate itself. */
export interface OfflineBundle {
  /** The registry's PUBLIC_BASE_URL. */
  registry: string;
  createdAt: string;
  /** The log's and every authority's DID document (keys, retired ones with their dates). */
  didDocuments: DidDocument[];
  /** Every authority's signed status list credentials, as served at `url`. */
  statusLists: Array<{ url: string; jws: string }>;
  /** The latest C2SP checkpoint (note signed by the log, cosigned by the witnesses). */
  checkpoint: SignedCheckpoint;
  /** The C2SP verifier keys of the log and the witnesses (GET /api/v1/log/keys). */
  noteKeys: string[];
}

/**
 * Builds and signs the bundle (GET /api/v1/bundle, `registry bundle`): a compact JWS by the log key, whose DID
 * document is in the bundle; a verifier pins that key (README: the log's verifier key) so a bundle made by anyone
 * else is refused.
 */
export async function buildOfflineBundle(ctx: CertificatesContext): Promise<string> {
  const now = ctx.now();
  const checkpoint = await currentCheckpoint(ctx);
  const { keys } = await checkpointKeys(ctx);
  const logKey = (await ctx.store.signingKeys.active('log', null)) ?? (await ctx.store.transaction((tx) => activeLogKey(tx, ctx.vault, now.toISOString())));
  const statusLists = (await publishedLists(ctx, now)).map(({ url, jws }) => ({ url, jws }));
  const bundle: OfflineBundle = {
    registry: ctx.publicBaseUrl, createdAt: now.toISOString(), didDocuments: await allDidDocuments(ctx.store.signingKeys, ctx.publicBaseUrl),
    statusLists, checkpoint, noteKeys: keys.filter((key) => !key.retiredAt).map((key) => key.vkey),
  };
  return signCompact(ctx.vault, logKey, new TextEncoder().encode(canonicalJson(bundle)), { typ: bundleType, kid: keyIdOf(ctx.publicBaseUrl, logKey) });
}

/** A bundle whose signature and checkpoint hold, with its age. */
export interface OpenedBundle {
  bundle: OfflineBundle;
  ageHours: number;
  maxAgeHours: number;
  stale: boolean;
  /** Whether the bundle's log key is the one the verifier pinned; a bundle never vouches for itself. */
  pinned: boolean;
}

/** The Ed25519 public key (raw bytes) and name in a C2SP verifier key `<name>+<hex id>+<base64(0x01 ‖ key)>`; null when it is not one. */
function logVerifierKey(vkey: string): { name: string; publicKey: Buffer } | null {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 1 || second < 0) return null;
  const bytes = Buffer.from(vkey.slice(second + 1), 'base64');
  return bytes.length === 33 && bytes[0] === 0x01 ? { name: vkey.slice(0, first), publicKey: bytes.subarray(1) } : null;
}

function isBundle(value: unknown): value is OfflineBundle {
  const bundle = value as Partial<OfflineBundle> | null;
  return !!bundle && typeof bundle.registry === 'string' && typeof bundle.createdAt === 'string' && Array.isArray(bundle.didDocuments)
    && Array.isArray(bundle.statusLists) && typeof bundle.checkpoint === 'object' && Array.isArray(bundle.noteKeys);
}

/**
 * Opens a bundle offline: the JWS must be signed by a log key its own log DID document lists (and, when the
 * verifier pinned the log's verifier key, by exactly that key), its checkpoint must carry the log's signature and
 * every witness's cosignature, and its age is stated against `maxAgeHours`. Any alteration is a problem sentence.
 */
export async function openOfflineBundle(text: string, now: Date, options: { maxAgeHours?: number; logVerifierKey?: string } = {}): Promise<{ opened: OpenedBundle } | { problem: string }> {
  const maxAgeHours = options.maxAgeHours ?? bundleFreshnessHours;
  const decoded = decodeJws(text.trim());
  if (!decoded || decoded.header.alg !== signatureAlg || decoded.header.typ !== bundleType || !isBundle(decoded.json)) return { problem: 'the file is not a signed registry bundle' };
  const bundle = decoded.json;
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : '';
  const did = parseDidUrl(kid)?.did;
  if (!did?.endsWith(':log')) return { problem: 'the bundle is not signed by a transparency log key' };
  const resolution = await didDocumentResolver(bundle.didDocuments)(kid);
  if ('problem' in resolution) return { problem: `the bundle does not verify: ${resolution.problem}` };
  if (!(await signatureVerifies(text.trim(), resolution.key.publicJwk))) return { problem: 'the bundle has been altered: its signature does not verify' };
  const created = Date.parse(bundle.createdAt);
  if (Number.isNaN(created) || created - now.getTime() > 300_000) return { problem: `the bundle's time ${bundle.createdAt} is not a past instant` };
  if (resolution.key.revoked !== null && !(created < Date.parse(resolution.key.revoked))) return { problem: `the bundle is signed with a log key retired on ${resolution.key.revoked}` };
  let pinned = false;
  if (options.logVerifierKey !== undefined) {
    const pin = logVerifierKey(options.logVerifierKey);
    if (!pin) return { problem: 'the pinned log key is not a C2SP verifier key (<name>+<id>+<key>)' };
    if (!pin.publicKey.equals(Buffer.from(resolution.key.publicJwk.x, 'base64url'))) return { problem: 'the bundle is signed by another log key than the one pinned' };
    pinned = true;
  }
  const witnesses = bundle.noteKeys.filter((vkey) => vkey !== options.logVerifierKey && logVerifierKey(vkey) === null);
  const checkpoint = verifyCheckpointOffline(bundle.checkpoint, logKeysFromDidDocuments(bundle.didDocuments), witnesses);
  if (checkpoint.result !== 'valid') return { problem: `the bundle's checkpoint does not verify: ${checkpoint.reason ?? checkpoint.result}` };
  const ageHours = Math.max(0, (now.getTime() - created) / 3_600_000);
  return { opened: { bundle, ageHours, maxAgeHours, stale: ageHours > maxAgeHours, pinned } };
}
