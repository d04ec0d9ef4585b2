import type { CertificatesContext } from '../certificates/context.ts';
import { BoundedLru } from '../bounded-lru.ts';
import { emptyBitstring } from './bitstring.ts';
import { buildListCredential, refreshPeriodMs, signListCredential } from './list-credential.ts';
import { listPosition } from './status-entries.ts';
import { statusListUrl, statusPurposes, type ListPlace } from './status-list-url.ts';

/** A list credential as the registry serves it now. */
export interface ServedList {
  /** The signed BitstringStatusListCredential (compact JWS). */
  jws: string;
  /** Its validFrom: when this representation was made (the last change of the bits, or the last refresh). */
  validFrom: string;
}

/**
 * The list credential the registry serves for a place, or null when the authority has no certificate on that
 * page (no such list). Reads only; nothing is written:
 * - bits changed since the start of the current refresh period (one day, aligned to the epoch): the credential
 *   signed with that change, as stored;
 * - otherwise the same bits (all clear for a list no status change has touched) re-signed with the authority's
 *   active key and validFrom the start of the period. Ed25519 and GZIP are deterministic, so every request in a
 *   period gets the same bytes, and caches and ETags hold.
 */
/**
 * Lists re-signed for the current period, by place, period, key and stored state: the signature is deterministic,
 * so signing again would give the same bytes; a bit change (new updatedAt), a new period or a rotated key is a new key here.
 */
const resigned = new BoundedLru<string, ServedList>(1024);

export async function servedList(ctx: Pick<CertificatesContext, 'store' | 'vault' | 'publicBaseUrl'>, place: ListPlace, now: Date): Promise<ServedList | null> {
  const highest = await ctx.store.statusLists.highestIndex(place.orgId);
  if (highest === null || place.page > listPosition(highest).page) return null;
  const stored = await ctx.store.statusLists.list(place.orgId, place.purpose, place.page);
  const periodStart = new Date(Math.floor(now.getTime() / refreshPeriodMs) * refreshPeriodMs);
  if (stored && Date.parse(stored.updatedAt) >= periodStart.getTime()) return { jws: stored.jws, validFrom: stored.updatedAt };
  const key = await ctx.store.signingKeys.active('credential', place.orgId);
  // Keys are only retired by rotation, which makes the next one; without any, the last signed list is all there is.
  if (!key) return stored ? { jws: stored.jws, validFrom: stored.updatedAt } : null;
  const memo = [ctx.publicBaseUrl, place.orgId, place.purpose, place.page, periodStart.toISOString(), key.kid, stored?.updatedAt ?? '', stored?.jws ?? ''].join('\n');
  const known = resigned.get(memo);
  if (known) return known;
  const credential = buildListCredential(ctx.publicBaseUrl, place, stored?.bits ?? emptyBitstring(), periodStart);
  const served = { jws: (await signListCredential(ctx.vault, key, ctx.publicBaseUrl, credential)).jws, validFrom: credential.validFrom };
  resigned.set(memo, served);
  return served;
}

/**
 * Every list the registry serves now, with its URL: each authority's revocation and suspension list for every page
 * its certificates use (what an offline bundle for a border post carries). Reads only.
 */
export async function publishedLists(ctx: Pick<CertificatesContext, 'store' | 'vault' | 'publicBaseUrl'>, now: Date): Promise<Array<ServedList & { url: string }>> {
  const lists: Array<ServedList & { url: string }> = [];
  for (const authority of await ctx.store.signingKeys.listAuthorities()) {
    const highest = await ctx.store.statusLists.highestIndex(authority.id);
    if (highest === null) continue;
    for (let page = 0; page <= listPosition(highest).page; page += 1) {
      for (const purpose of statusPurposes) {
        const place = { orgId: authority.id, purpose, page };
        const served = await servedList(ctx, place, now);
        if (served) lists.push({ url: statusListUrl(ctx.publicBaseUrl, place), ...served });
      }
    }
  }
  return lists;
}
