import type { OutlookFacts, Store } from '../../../store/port.ts';

/** Whether a certificate's product would conform to the newest published version of its standard. */
export type WouldConform = 'yes' | 'no' | 'unknown';

/** Where a certificate stands against the newest published version of the standard it was issued under. */
export interface ConformityOutlook {
  /** The newest published version of the certificate's standard code; null when none is published now. */
  version: string | null;
  /**
   * 'yes' when the certificate was issued under that version, or the impact run recorded with its publication
   * found the approved spec conforming; 'no' when that run found failing clauses; 'unknown' when no run covered it.
   */
  wouldConform: WouldConform;
  /** The clauses of the newest version the spec would fail ('no' only). */
  failingClauses: string[];
  /** When the newest version's transition period ends, for a certificate issued under an older version; otherwise null. */
  transitionEndsAt: string | null;
}

/** Certificates looked up per store read (a register export asks for up to 10,000). */
const chunk = 500;

function outlookOf(facts: OutlookFacts | undefined): ConformityOutlook {
  if (!facts || facts.newestVersion === null) return { version: null, wouldConform: 'unknown', failingClauses: [], transitionEndsAt: null };
  if (facts.newestVersion === facts.issuedUnder) return { version: facts.newestVersion, wouldConform: 'yes', failingClauses: [], transitionEndsAt: null };
  const wouldConform: WouldConform = facts.outcome === 'conforms' ? 'yes' : facts.outcome === 'fails' ? 'no' : 'unknown';
  return { version: facts.newestVersion, wouldConform, failingClauses: wouldConform === 'no' ? facts.failingClauses : [], transitionEndsAt: facts.transitionEndsAt };
}

/** The outlook of each certificate, by number (every number given gets one; an unknown number: version null, unknown). */
export async function conformityOutlooks(store: Pick<Store, 'impact'>, numbers: readonly string[]): Promise<Map<string, ConformityOutlook>> {
  const facts = new Map<string, OutlookFacts>();
  for (let i = 0; i < numbers.length; i += chunk) {
    for (const row of await store.impact.outlooks(numbers.slice(i, i + chunk))) facts.set(row.number, row);
  }
  return new Map(numbers.map((number) => [number, outlookOf(facts.get(number))]));
}

/** Register entries with `newestStandard` added: the outlook against the newest published version of their standard. */
export async function withConformityOutlook<E extends { number: string }>(store: Pick<Store, 'impact'>, entries: readonly E[]): Promise<Array<E & { newestStandard: ConformityOutlook }>> {
  const outlooks = await conformityOutlooks(store, entries.map((entry) => entry.number));
  return entries.map((entry) => ({ ...entry, newestStandard: outlooks.get(entry.number)! }));
}
