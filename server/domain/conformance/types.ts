/**
 * The public shapes of the conformance engine. Other modules code against these names; keep them
 * stable and add fields rather than change them.
 */

/** Text given in English and optionally in Russian and Persian. */
export interface LocalizedText {
  en: string;
  ru?: string;
  fa?: string;
}

/** A published standard version as the engine needs it. `schema` is a JSON Schema draft 2020-12 document. */
export interface EngineDocument {
  code: string;
  version: string;
  contentHash: string;
  schema: Record<string, unknown>;
}

/** One clause of a standard, read from the `x-*` annotations of the subschema that carries `x-clause`. */
export interface ClauseInfo {
  clause: string;
  title: LocalizedText | null;
  requirement: LocalizedText | null;
  unit: string | null;
  source: string | string[] | null;
  /** True when the value is illustrative rather than a published national value. */
  illustrative: boolean;
  /**
   * JSON pointer of the annotated subschema ("" for the root, "/properties/power"), prefixed by the
   * document $id and "#" when it lives in a referenced document ("urn:…:1.0.0#/$defs/hsCode").
   */
  pointer: string;
}

/** One failure of a spec, attributed to the clause it breaks (or null when no clause encloses it). */
export interface Finding {
  clause: string | null;
  title: LocalizedText | null;
  status: 'fail';
  instancePath: string;
  /** Where the failing keyword sits: "#/…" in the standard, "<$id>#/…" in a referenced document. */
  schemaPath: string;
  keyword: string;
  /** The English message (same as messages.en). */
  message: string;
  messages: { en: string; ru: string; fa: string };
  params: Record<string, unknown>;
}

/** The outcome of one clause for one spec. */
export interface ClauseResult {
  clause: string;
  title: LocalizedText | null;
  status: 'pass' | 'fail' | 'not_applicable';
}

/** The full result of checking a spec against a standard version. */
export interface ConformanceReport {
  conforms: boolean;
  standard: { code: string; version: string; hash: string };
  specHash: string;
  engine: { name: string; version: string };
  checkedAt: string;
  /** The first 1,000 findings (maxReportedFindings), in validation order. */
  findings: Finding[];
  /** How many findings the check produced, listed or not. */
  findingsTotal: number;
  /** True when findings lists fewer than findingsTotal. */
  findingsTruncated: boolean;
  /**
   * Every clause of the standard once, in index order. The array and its entries are frozen and
   * may be shared between reports: copy before changing. (Typed mutable for the consumers that
   * predate the sharing.)
   */
  clauses: ClauseResult[];
}

/** A standard version compiled for checking. Opaque: only the engine that prepared it can use it. */
export interface PreparedStandard {
  readonly code: string;
  readonly version: string;
  readonly contentHash: string;
  readonly clauses: readonly ClauseInfo[];
}

/** Checks product specs against standards published as JSON Schema draft 2020-12 documents. */
export interface ConformanceEngine {
  /**
   * Throws DomainError('invalid_schema', reason incl. ajv's message) when `schema` does not compile
   * in strict mode with the x- keywords registered, or breaks a safety rule (unsafe regex).
   * `referenced` are published schemas (each with $id) it may $ref. Caches nothing.
   */
  assertCompiles(schema: Record<string, unknown>, referenced: Record<string, unknown>[]): void;
  /**
   * Compiles once and caches by code@version#contentHash; `referenced` as above (each is added to
   * the long-lived ajv instances once, by $id). Throws DomainError('invalid_schema') like assertCompiles.
   */
  prepare(doc: EngineDocument, referenced: Record<string, unknown>[]): PreparedStandard;
  /** The standard as `prepare` compiled it earlier (same code, version and content hash), or undefined. */
  cached(doc: Pick<EngineDocument, 'code' | 'version' | 'contentHash'>): PreparedStandard | undefined;
  /** Checks a spec; never throws for a JSON value with well-formed text (a lone surrogate or non-JSON value: DomainError validation_failed). */
  check(prepared: PreparedStandard, spec: unknown, now?: Date): ConformanceReport;
  /** The clause index of a schema (walks $ref into referenced documents), in document order, each clause once. */
  clauseIndex(schema: Record<string, unknown>, referenced: Record<string, unknown>[]): ClauseInfo[];
}
