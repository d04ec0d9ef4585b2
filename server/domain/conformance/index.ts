/**
 * The conformance engine: checks product specs against standards published as JSON Schema
 * draft 2020-12 documents annotated with x-clause and friends, and reports per clause.
 */
export type {
  ClauseInfo,
  ClauseResult,
  ConformanceEngine,
  ConformanceReport,
  EngineDocument,
  Finding,
  LocalizedText,
  PreparedStandard,
} from './types.ts';
export { createConformanceEngine } from './engine.ts';
export { specHash } from './spec-hash.ts';
export { engineInfo } from './report.ts';
