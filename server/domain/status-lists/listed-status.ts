import type { CertificateEventRecord, CertificateRecord, StatusPurpose } from '../../store/port.ts';
import type { CertificatesContext } from '../certificates/context.ts';
import { effectiveStatus, recordedStatus, type EffectiveStatus } from '../certificates/status.ts';
import { decodeJws } from '../credentials/jws.ts';
import { authorityDid } from '../identities/did-web.ts';
import { registryKeyResolver } from '../identities/key-resolution.ts';
import { servedList } from './served-lists.ts';
import { statusEntriesOf } from './status-check.ts';
import { cachedStatusFromList } from '../verification/verification-cache.ts';
import { listPlaceOfUrl } from './status-list-url.ts';

/** A certificate's status as the registry's verifier states it, and why it is unknown when it is. */
export interface ListedStatus {
  status: EffectiveStatus | 'unknown';
  /** A sentence naming why the status could not be established; null when it was. */
  problem: string | null;
}

const unknown = (problem: string): ListedStatus => ({ status: 'unknown', problem });

/**
 * The status of a registered certificate, checked the way an outside verifier would: the registered credential's
 * BitstringStatusListEntry objects against the list credentials the registry serves now, verified with the
 * registry's keys. When a list does not verify, is stale, or says other than the recorded status, the status is
 * `unknown` with the reason, never `valid`. Certificates issued before status lists keep their recorded status.
 * `known` passes the certificate's events and decoded credential when the caller has them already.
 */
export async function listedStatus(
  ctx: CertificatesContext, record: CertificateRecord, now: Date,
  known: { events?: CertificateEventRecord[]; credential?: unknown } = {},
): Promise<ListedStatus> {
  const recorded = recordedStatus(known.events ?? (await ctx.store.certificates.events(record.number)));
  const entries = statusEntriesOf(known.credential !== undefined ? known.credential : decodeJws(record.jws)?.json);
  if (entries.length === 0) return { status: effectiveStatus(record, recorded, now), problem: null };
  const issuer = authorityDid(ctx.publicBaseUrl, record.issuerOrgId);
  const resolve = registryKeyResolver(ctx.store.signingKeys, ctx.publicBaseUrl);
  const listed: Partial<Record<StatusPurpose, boolean>> = {};
  for (const entry of entries) {
    const place = listPlaceOfUrl(ctx.publicBaseUrl, entry.statusListCredential);
    const served = place && place.orgId === record.issuerOrgId && place.purpose === entry.statusPurpose ? await servedList(ctx, place, now) : null;
    if (!served) return unknown(`the status list ${entry.statusListCredential} is not one this registry publishes for the issuer`);
    // Each list's signature is checked once per served JWS (a status change makes a new one): verification-cache.ts.
    const bit = await cachedStatusFromList(ctx.store, entry, served.jws, resolve, now, issuer);
    if ('problem' in bit) return unknown(bit.problem);
    listed[entry.statusPurpose] = bit.set;
  }
  if (listed.revocation === undefined || listed.suspension === undefined) return unknown('the credential lacks its revocation or its suspension status entry');
  const fromLists = listed.revocation ? 'revoked' : listed.suspension ? 'suspended' : 'valid';
  if (fromLists !== recorded) return unknown(`the status lists say ${fromLists}, but the registry recorded ${recorded}`);
  return { status: effectiveStatus(record, recorded, now), problem: null };
}
