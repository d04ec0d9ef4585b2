import { randomInt } from 'node:crypto';
import type { StatusPurpose, StoreTransaction } from '../../store/port.ts';
import type { BitstringStatusListEntry } from '../credentials/credential.ts';
import { DomainError } from '../errors.ts';
import { listLength } from './bitstring.ts';
import { statusListUrl } from './status-list-url.ts';

/**
 * How many certificates one list page takes before the next page opens: half its 131,072 positions. Indexes are
 * drawn at random within the page (Bitstring Status List §2.1: implementations SHOULD assign indexes randomly), so
 * a position tells nothing of when a certificate was issued or how many an authority has issued; keeping half the
 * page free makes a draw hit a free position at least every second try.
 */
export const pageFill = listLength / 2;

/** Draws before allocation gives up: with a page at most half full, 64 misses in a row has odds of 2⁻⁶⁴. */
const maxDraws = 64;

/** Where an index lands: its list page and its position in that list. */
export function listPosition(statusIndex: number): { page: number; position: number } {
  return { page: Math.floor(statusIndex / listLength), position: statusIndex % listLength };
}

/** The entry of a certificate for one purpose: the list's URL, the position, and the entry id `<list>#<position>`. */
export function statusEntryOf(publicBaseUrl: string, orgId: string, purpose: StatusPurpose, statusIndex: number): BitstringStatusListEntry {
  const { page, position } = listPosition(statusIndex);
  const statusListCredential = statusListUrl(publicBaseUrl, { orgId, purpose, page });
  return { type: 'BitstringStatusListEntry', id: `${statusListCredential}#${position}`, statusPurpose: purpose, statusListIndex: position, statusListCredential };
}

/**
 * Takes a free index of the authority inside the caller's transaction: the page is the first not yet filled to
 * `fill`, the position within it random (`draw` gives an integer in [0, 131072)).
 */
export async function allocateIndex(tx: StoreTransaction, orgId: string, number: string, at: string, fill = pageFill, draw = () => randomInt(listLength)): Promise<number> {
  const page = Math.floor((await tx.statusLists.entryCount(orgId)) / fill);
  for (let attempt = 0; attempt < maxDraws; attempt += 1) {
    const statusIndex = page * listLength + draw();
    if (await tx.statusLists.indexTaken(orgId, statusIndex)) continue;
    await tx.statusLists.insertEntry({ number, orgId, statusIndex, createdAt: at });
    return statusIndex;
  }
  throw new DomainError('unavailable', `no free status list position found for ${number}; try again`);
}

/**
 * Gives certificate `number` of authority `issuerOrgId` its place in the authority's status lists, inside the
 * issuance transaction (before the certificate row is written): one index, the same in the revocation and the
 * suspension list. Returns the two BitstringStatusListEntry objects the credential carries.
 */
export async function allocateStatusEntries(tx: StoreTransaction, publicBaseUrl: string, issuerOrgId: string, number: string): Promise<{ revocation: BitstringStatusListEntry; suspension: BitstringStatusListEntry }> {
  const statusIndex = await allocateIndex(tx, issuerOrgId, number, new Date().toISOString());
  return {
    revocation: statusEntryOf(publicBaseUrl, issuerOrgId, 'revocation', statusIndex),
    suspension: statusEntryOf(publicBaseUrl, issuerOrgId, 'suspension', statusIndex),
  };
}
