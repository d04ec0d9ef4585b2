/**
 * The storage port's part for impact analysis and transition periods (port.ts re-exports everything here):
 * the certified specs an impact run re-checks, the runs and their per-certificate outcomes, and the transition
 * period recorded with each published version. See server/domain/standards/impact/ and transition/.
 */

/** What an impact run found for one certificate. */
export type ImpactOutcome = 'conforms' | 'fails' | 'unchecked';

/** A certificate an impact run re-checks: currently valid or suspended (and not expired), with its approved revision's spec. */
export interface CertifiedSpec {
  /** The register position (issuance order): runs read in pages of ascending position. */
  position: number;
  number: string;
  /** The version of the code the certificate was issued under. */
  issuedUnder: string;
  spec: unknown;
}

/** Totals of a run. */
export interface ImpactTotals {
  checked: number;
  conforming: number;
  failing: number;
  unchecked: number;
}

/** One impact run of a draft's content. */
export interface ImpactRunRecord {
  id: string;
  code: string;
  version: string;
  /** The content hash of the draft the run checked against. */
  contentHash: string;
  ranBy: string;
  startedAt: string;
  /** Null while the run is going. */
  finishedAt: string | null;
  totals: ImpactTotals;
  /** Clause id → number of certificates that would fail it. */
  clauseCounts: Record<string, number>;
}

/** One certificate's outcome in a run. */
export interface ImpactOutcomeRecord {
  runId: string;
  number: string;
  issuedUnder: string;
  outcome: ImpactOutcome;
  /** The clauses the spec would fail (empty unless outcome is 'fails'). */
  failingClauses: string[];
}

/** A version's transition period: planned on the draft, recorded when it is published. */
export interface TransitionRecord {
  code: string;
  version: string;
  /** Days set for this version before publication (null: the configured default applies). */
  plannedDays: number | null;
  plannedBy: string | null;
  plannedAt: string | null;
  /** Set when the version is published. */
  days: number | null;
  publishedAt: string | null;
  /** publishedAt + days: until then the versions it superseded are in transition. */
  endsAt: string | null;
  /** The finished impact run of exactly the published content, when there was one. */
  impactRunId: string | null;
  /** The versions this publication superseded. */
  supersedes: string[];
}

/** Where a certificate stands against the newest published version of its standard code (raw facts; the domain decides). */
export interface OutlookFacts {
  number: string;
  /** The version the certificate was issued under. */
  issuedUnder: string;
  /** The newest published version of the code, or null when none is published now. */
  newestVersion: string | null;
  /** The newest version's transition end, when it was recorded. */
  transitionEndsAt: string | null;
  /** The outcome of the newest version's impact run for this certificate, or null when no run covered it. */
  outcome: ImpactOutcome | null;
  failingClauses: string[];
}

export interface ImpactReader {
  /** How many certificates of the code are valid or suspended and not expired at `now`. */
  countCertified(code: string, now: string): Promise<number>;
  /** The next page of those certificates with their approved revision's spec, position above `afterPosition`, ascending. */
  certifiedSpecs(code: string, now: string, afterPosition: number, limit: number): Promise<CertifiedSpec[]>;
  /** The finished run of a code and version (the newest one), or null. */
  latestRun(code: string, version: string): Promise<ImpactRunRecord | null>;
  /** A run's outcomes of one kind, by certificate number, after `afterNumber`, at most `limit`. */
  outcomes(runId: string, outcome: ImpactOutcome, afterNumber: string | null, limit: number): Promise<ImpactOutcomeRecord[]>;
  /** Outlook facts of the given certificates (unknown numbers are left out). */
  outlooks(numbers: readonly string[]): Promise<OutlookFacts[]>;
}

export interface ImpactRepository extends ImpactReader {
  /** Records a run as started (finishedAt null, totals zero). */
  startRun(run: Pick<ImpactRunRecord, 'id' | 'code' | 'version' | 'contentHash' | 'ranBy' | 'startedAt'>): Promise<void>;
  addOutcomes(outcomes: readonly ImpactOutcomeRecord[]): Promise<void>;
  /** Marks a run finished with its totals, and deletes every other run (and its outcomes) of the same code and version. */
  finishRun(id: string, finishedAt: string, totals: ImpactTotals, clauseCounts: Record<string, number>): Promise<void>;
}

export interface TransitionReader {
  get(code: string, version: string): Promise<TransitionRecord | null>;
}

export interface TransitionRepository extends TransitionReader {
  /** Sets (or replaces) the planned days of a version not yet published. */
  plan(code: string, version: string, days: number, by: string, at: string): Promise<void>;
  /** Records the publication's transition (keeping the plan). */
  record(transition: Pick<TransitionRecord, 'code' | 'version' | 'days' | 'publishedAt' | 'endsAt' | 'impactRunId' | 'supersedes'>): Promise<void>;
}
