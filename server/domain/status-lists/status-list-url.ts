import type { StatusPurpose } from '../../store/port.ts';

/** Which list: an authority's list of one purpose, page by page (131,072 entries a page). */
export interface ListPlace {
  orgId: string;
  purpose: StatusPurpose;
  page: number;
}

export const statusPurposes: readonly StatusPurpose[] = Object.freeze(['revocation', 'suspension']);

const orgIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const pagePattern = /^(?:0|[1-9][0-9]{0,8})$/;

/** The URL a list is published at (its credential's id and every entry's `statusListCredential`): `<base>/status/<org>/<purpose>/<page>`. */
export function statusListUrl(publicBaseUrl: string, place: ListPlace): string {
  return `${publicBaseUrl}/status/${place.orgId}/${place.purpose}/${place.page}`;
}

/** What is wrong with the parts of a list's path, or the place they name. */
export type ParsedPlace = { place: ListPlace } | { problem: 'unknown' | 'malformed_page'; message: string };

/** Reads the path parts `<org>/<purpose>/<page>`: an organisation id, a purpose and a decimal page without leading zeros. */
export function parseListPlace(orgId: string, purpose: string, page: string): ParsedPlace {
  if (!pagePattern.test(page)) return { problem: 'malformed_page', message: `the list page "${page}" is not a whole number` };
  if (!orgIdPattern.test(orgId)) return { problem: 'unknown', message: `no authority ${orgId}` };
  if (!(statusPurposes as readonly string[]).includes(purpose)) return { problem: 'unknown', message: `no status purpose "${purpose}" (revocation or suspension)` };
  return { place: { orgId, purpose: purpose as StatusPurpose, page: Number(page) } };
}

/** The place a URL names when it is one of this registry's list URLs; null otherwise. */
export function listPlaceOfUrl(publicBaseUrl: string, url: string): ListPlace | null {
  const prefix = `${publicBaseUrl}/status/`;
  if (!url.startsWith(prefix)) return null;
  const parts = url.slice(prefix.length).split('/');
  if (parts.length !== 3) return null;
  const parsed = parseListPlace(parts[0]!, parts[1]!, parts[2]!);
  return 'place' in parsed ? parsed.place : null;
}
